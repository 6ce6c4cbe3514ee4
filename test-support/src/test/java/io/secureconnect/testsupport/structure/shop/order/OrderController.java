package io.secureconnect.testsupport.structure.shop.order;

import org.springframework.stereotype.Controller;

/** Breaks the controller rule on purpose: it reads the repository itself. */
@Controller
class OrderController {

    private final OrderRepository orders;

    OrderController(OrderRepository orders) {
        this.orders = orders;
    }

    Order show(long id) {
        return orders.find(id);
    }
}
