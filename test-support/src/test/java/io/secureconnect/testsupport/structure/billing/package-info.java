/** Stands for another service beside the sample one. */
package io.secureconnect.testsupport.structure.billing;
