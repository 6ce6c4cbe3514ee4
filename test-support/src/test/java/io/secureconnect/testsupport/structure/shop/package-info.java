/** A small "service" that breaks every structure rule, so ArchitectureRulesUnitTest can see each rule refuse it. */
package io.secureconnect.testsupport.structure.shop;
