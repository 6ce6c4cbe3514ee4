/** The sample service's order feature: a controller that reads its repository. */
package io.secureconnect.testsupport.structure.shop.order;
