package dev.vigil.store.devices;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assets;
import dev.vigil.store.db.ChangeCursor;
import dev.vigil.store.db.Changes;
import dev.vigil.store.db.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * The devices: what the inventory knows of each (merged window after window), what people said of
 * it (owner and contact encrypted at rest), its assessment, and which device holds which address.
 */
public interface DeviceStore {

    /** A device's row with its inventory document, or empty. */
    Optional<DeviceRow> find(String id);

    /** A device's stored assessment (JSON), or null before the first one. */
    String assessment(String id);

    /** What the inventory knows of a device, or null for a device not stored yet. */
    Device inventory(String id);

    /** Every device's inventory document, by id. */
    List<Device> inventories();

    /** Stores what the inventory knows of a device (its main address is the row's address), new or not. */
    void put(Device merged, long now);

    /** Gives addresses to a device (an address goes to the device that took it up last). */
    void claimAddresses(String deviceId, Collection<String> ips);

    /** Writes what changed in a device (once: a change already written is not written again). */
    void changed(String deviceId, List<dev.vigil.detect.inventory.DeviceChanges.Change> changes, long now);

    /** What changed in a device, newest first, at most {@code limit}. */
    List<dev.vigil.detect.inventory.DeviceChanges.Change> changes(String deviceId, int limit);

    /** One page of the inventory. */
    Page<DeviceRow> page(DeviceFilter filter, DeviceSort sort, int limit, int offset);

    /** Devices written at or after {@code sinceMillis}, after {@code after}, in the order they were written. */
    Changes<DeviceRow> changes(long sinceMillis, ChangeCursor after, int limit);

    /**
     * Every device written at or after {@code sinceMillis} (0: every device), by id, a batch of rows at a
     * time (no connection is held between batches).
     */
    void forEach(long sinceMillis, Consumer<DeviceRow> each);

    /** Rows (without their documents) with the lowest trust, lowest first. */
    List<DeviceRow> lowestTrust(int limit);

    /** Rows (without their documents) with the highest risk, highest first. */
    List<DeviceRow> highestRisk(int limit);

    /** Rows of these devices. */
    List<DeviceRow> byIds(Collection<String> ids);

    /** Every row with its document (the talk map). */
    List<DeviceRow> all();

    long count();

    /** Every type a stored device has. */
    SortedSet<String> types();

    /** What the inventory's filters can take. */
    DeviceFacetValues facetValues();

    /** Applies what people changed; false when there is no such device. */
    boolean edit(String id, DeviceEdit edit, long now);

    /** The main address of each of these devices that exists, by id. */
    Map<String, String> addressesOf(Collection<String> ids);

    /** The id of the device a CSV row names by id (whatever its case) or address, or empty. */
    Optional<String> resolve(String key);

    /** Which device each known address belongs to. */
    Map<String, String> addressOwners();

    /** The device an address belongs to, or empty. */
    Optional<String> ownerOf(String ip);

    /** Addresses of the devices of a type. */
    List<String> addressesOfType(String type);

    /** What people said about the devices (owner decrypted, location, criticality, tags), for risk. */
    Assets assets();

    /** Each assessed device's stored tier. */
    Map<String, String> tiers();

    /** Stores a device's assessment; a new tier or risk level counts as a change of the device. */
    void assess(String id, DeviceAssessmentRow a, long now);

    /** Devices per tier. */
    Map<String, Long> tierCounts();

    /** Every assessed device's trust score. */
    List<Double> trustScores();
}
