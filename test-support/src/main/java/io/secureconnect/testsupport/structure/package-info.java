/** The package rules every module's structure test checks, written once. */
package io.secureconnect.testsupport.structure;
