/**
 * Files that hold crash evidence: owner-only directories, symbolic links refused. A leaf:
 * uses nothing of Faultline.
 */
package dev.faultline.internal.files;
