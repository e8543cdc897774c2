package com.example.orders;

/** The application itself; kforge only needs its manifest. */
public final class OrdersApplication {

    private OrdersApplication() {
    }

    public static void main(String[] args) {
        System.out.println("orders");
    }
}
