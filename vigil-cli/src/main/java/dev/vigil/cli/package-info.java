/** The {@code vigil} command line (picocli): analyze, and the commands the server issues add. */
package dev.vigil.cli;
