/** The sample service's payment feature, in a cycle with order. */
package io.secureconnect.testsupport.structure.shop.payment;
