/** Password hashing (Argon2id behind a bulkhead), shared by registration, credential changes and logging in. */
package io.secureconnect.auth.password;
