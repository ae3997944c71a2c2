/**
 * How far each device can be trusted, how much risk it carries, what to fix first, and how the
 * security programme is doing. Pure functions of the findings, the inventory and a documented weights
 * file ({@code trust/trust.properties}); every number comes with the factors that made it.
 */
package dev.vigil.detect.trust;
