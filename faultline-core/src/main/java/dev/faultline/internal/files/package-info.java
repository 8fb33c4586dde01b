/**
 * Files that hold crash evidence: who this process is to the file system, this user's own
 * directories, symbolic links refused. A leaf: uses nothing of Faultline.
 *
 * <p>May use: nothing of Faultline.
 */
package dev.faultline.internal.files;
