package io.secureconnect.auth.admin;

/** What the admin user list can be sorted on, each with the SQL expression that orders it. */
enum UserListSort {
    CREATED_AT("created_at"), EMAIL("lower(email)"), DISPLAY_NAME("lower(display_name)");

    private final String expression;

    UserListSort(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
    }
}
