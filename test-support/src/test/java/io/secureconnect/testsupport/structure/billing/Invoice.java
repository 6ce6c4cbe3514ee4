package io.secureconnect.testsupport.structure.billing;

/** Stands for another service's code. */
public record Invoice(String number) {
}
