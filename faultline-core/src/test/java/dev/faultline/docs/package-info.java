/**
 * The Java examples of the README and of {@code docs/}: each example there is a region of a file
 * here, between {@code // [name]} and {@code // [/name]}, which {@code DocExamplesTest} keeps
 * identical to the page, and the tests beside each file run it. An example that stops compiling
 * breaks the build; an example edited on the page alone fails the check.
 */
package dev.faultline.docs;
