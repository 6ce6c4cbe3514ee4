package io.secureconnect.testsupport.structure.shop.payment;

import io.secureconnect.testsupport.structure.billing.Invoice;
import io.secureconnect.testsupport.structure.shop.order.Order;

/** Points back at {@link Order} (a cycle) and at another "service"'s {@link Invoice}. */
public record Payment(Order order, Invoice invoice) {
}
