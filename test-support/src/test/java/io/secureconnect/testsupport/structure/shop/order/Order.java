package io.secureconnect.testsupport.structure.shop.order;

import io.secureconnect.testsupport.structure.shop.payment.Payment;

/** With {@link Payment}, a cycle between the features order and payment. */
public record Order(long id, Payment payment) {
}
