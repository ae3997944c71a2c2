package dev.vigil.server.ingest;

import dev.vigil.detect.behavior.MemoryBudget;

/**
 * What a source's behavioural detection held against its budget at the budget's last pass, and what
 * the budget made it let go of since the source started: keys forgotten as idle past
 * {@code serve.detection_horizon}, keys that let go of the older half of their observations and
 * keys shed over the budget, and the windows at which the heap was
 * short and half was shed ({@code squeezes}).
 *
 * @param bytes estimated bytes its keys hold
 * @param budgetBytes the budget last applied
 * @param devices the devices the keys are about (0 while they hold less than the floor: not counted)
 * @param keys the keys it holds
 */
public record DetectionMemory(long bytes, long budgetBytes, int devices, long keys, long forgottenKeys, long trimmedKeys,
        long shedKeys, long squeezes) {

    static final DetectionMemory NONE = new DetectionMemory(0, 0, 0, 0, 0, 0, 0, 0);

    /** After one more pass of the budget. */
    DetectionMemory then(MemoryBudget.Use u, boolean squeezed) {
        return new DetectionMemory(u.bytes(), u.budget(), u.devices(), u.keys(), forgottenKeys + u.forgotten(),
                trimmedKeys + u.trimmed(), shedKeys + u.shed(), squeezes + (squeezed ? 1 : 0));
    }
}
