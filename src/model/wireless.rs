//! Wireless (NetBox 4.4's `wireless/models.py`): groups of wireless LANs (nested by
//! `parent`), wireless LANs (an SSID with its VLAN, scope and authentication) and
//! point-to-point wireless links between two wireless interfaces. Interfaces join wireless
//! LANs with their own `wireless_lans` and carry their radio settings (`rf_role`,
//! `rf_channel`...), in `dcim.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dcim::EndpointRef;
use super::organisation::{keyed, CustomFieldValues};
use super::{Keyed, Spanned, Text};
use crate::string_enum;

string_enum! {
    /// The status of a wireless LAN (NetBox's `WirelessLANStatusChoices`).
    pub WirelessLanStatus = ["active", "reserved", "disabled", "deprecated"];
}

string_enum! {
    /// The status of a wireless link, as a cable's (NetBox's `LinkStatusChoices`).
    pub LinkStatus = ["connected", "planned", "decommissioning"];
}

string_enum! {
    /// NetBox's `WirelessAuthTypeChoices`.
    pub WirelessAuthType = ["open", "wep", "wpa-personal", "wpa-enterprise"];
}

string_enum! {
    /// NetBox's `WirelessAuthCipherChoices`.
    pub WirelessAuthCipher = ["auto", "tkip", "aes"];
}

string_enum! {
    /// The unit of a wireless link's distance (NetBox's `DistanceUnitChoices`).
    pub DistanceUnit = ["km", "m", "mi", "ft"];
}

string_enum! {
    /// What a wireless LAN is scoped to (NetBox 4.2's `scope_type`, `CachedScopeMixin`).
    pub ScopeType = ["dcim.region", "dcim.sitegroup", "dcim.site", "dcim.location"];
}

string_enum! {
    /// A wireless interface's role (NetBox's `WirelessRoleChoices`).
    pub WirelessRole = ["ap", "station"];
}

string_enum! {
    /// NetBox's `WirelessChannelChoices`: `BAND-CHANNEL-FREQUENCY-WIDTH`, frequency and
    /// width in MHz.
    pub WirelessChannel = [
        "2.4g-1-2412-22", "2.4g-2-2417-22", "2.4g-3-2422-22", "2.4g-4-2427-22", "2.4g-5-2432-22",
        "2.4g-6-2437-22", "2.4g-7-2442-22", "2.4g-8-2447-22", "2.4g-9-2452-22", "2.4g-10-2457-22",
        "2.4g-11-2462-22", "2.4g-12-2467-22", "2.4g-13-2472-22", "5g-32-5160-20", "5g-34-5170-40",
        "5g-36-5180-20", "5g-38-5190-40", "5g-40-5200-20", "5g-42-5210-80", "5g-44-5220-20",
        "5g-46-5230-40", "5g-48-5240-20", "5g-50-5250-160", "5g-52-5260-20", "5g-54-5270-40",
        "5g-56-5280-20", "5g-58-5290-80", "5g-60-5300-20", "5g-62-5310-40", "5g-64-5320-20",
        "5g-100-5500-20", "5g-102-5510-40", "5g-104-5520-20", "5g-106-5530-80", "5g-108-5540-20",
        "5g-110-5550-40", "5g-112-5560-20", "5g-114-5570-160", "5g-116-5580-20", "5g-118-5590-40",
        "5g-120-5600-20", "5g-122-5610-80", "5g-124-5620-20", "5g-126-5630-40", "5g-128-5640-20",
        "5g-132-5660-20", "5g-134-5670-40", "5g-136-5680-20", "5g-138-5690-80", "5g-140-5700-20",
        "5g-142-5710-40", "5g-144-5720-20", "5g-149-5745-20", "5g-151-5755-40", "5g-153-5765-20",
        "5g-155-5775-80", "5g-157-5785-20", "5g-159-5795-40", "5g-161-5805-20", "5g-163-5815-160",
        "5g-165-5825-20", "5g-167-5835-40", "5g-169-5845-20", "5g-171-5855-80", "5g-173-5865-20",
        "5g-175-5875-40", "5g-177-5885-20", "6g-1-5955-20", "6g-3-5965-40", "6g-5-5975-20",
        "6g-7-5985-80", "6g-9-5995-20", "6g-11-6005-40", "6g-13-6015-20", "6g-15-6025-160",
        "6g-17-6035-20", "6g-19-6045-40", "6g-21-6055-20", "6g-23-6065-80", "6g-25-6075-20",
        "6g-27-6085-40", "6g-29-6095-20", "6g-31-6105-320", "6g-33-6115-20", "6g-35-6125-40",
        "6g-37-6135-20", "6g-39-6145-80", "6g-41-6155-20", "6g-43-6165-40", "6g-45-6175-20",
        "6g-47-6185-160", "6g-49-6195-20", "6g-51-6205-40", "6g-53-6215-20", "6g-55-6225-80",
        "6g-57-6235-20", "6g-59-6245-40", "6g-61-6255-20", "6g-65-6275-20", "6g-67-6285-40",
        "6g-69-6295-20", "6g-71-6305-80", "6g-73-6315-20", "6g-75-6325-40", "6g-77-6335-20",
        "6g-79-6345-160", "6g-81-6355-20", "6g-83-6365-40", "6g-85-6375-20", "6g-87-6385-80",
        "6g-89-6395-20", "6g-91-6405-40", "6g-93-6415-20", "6g-95-6425-320", "6g-97-6435-20",
        "6g-99-6445-40", "6g-101-6455-20", "6g-103-6465-80", "6g-105-6475-20", "6g-107-6485-40",
        "6g-109-6495-20", "6g-111-6505-160", "6g-113-6515-20", "6g-115-6525-40", "6g-117-6535-20",
        "6g-119-6545-80", "6g-121-6555-20", "6g-123-6565-40", "6g-125-6575-20", "6g-129-6595-20",
        "6g-131-6605-40", "6g-133-6615-20", "6g-135-6625-80", "6g-137-6635-20", "6g-139-6645-40",
        "6g-141-6655-20", "6g-143-6665-160", "6g-145-6675-20", "6g-147-6685-40", "6g-149-6695-20",
        "6g-151-6705-80", "6g-153-6715-20", "6g-155-6725-40", "6g-157-6735-20", "6g-159-6745-320",
        "6g-161-6755-20", "6g-163-6765-40", "6g-165-6775-20", "6g-167-6785-80", "6g-169-6795-20",
        "6g-171-6805-40", "6g-173-6815-20", "6g-175-6825-160", "6g-177-6835-20", "6g-179-6845-40",
        "6g-181-6855-20", "6g-183-6865-80", "6g-185-6875-20", "6g-187-6885-40", "6g-189-6895-20",
        "6g-193-6915-20", "6g-195-6925-40", "6g-197-6935-20", "6g-199-6945-80", "6g-201-6955-20",
        "6g-203-6965-40", "6g-205-6975-20", "6g-207-6985-160", "6g-209-6995-20", "6g-211-7005-40",
        "6g-213-7015-20", "6g-215-7025-80", "6g-217-7035-20", "6g-219-7045-40", "6g-221-7055-20",
        "6g-225-7075-20", "6g-227-7085-40", "6g-229-7095-20", "6g-233-7115-20", "60g-1-58320-2160",
        "60g-2-60480-2160", "60g-3-62640-2160", "60g-4-64800-2160", "60g-5-66960-2160",
        "60g-6-69120-2160", "60g-9-59400-4320", "60g-10-61560-4320", "60g-11-63720-4320",
        "60g-12-65880-4320", "60g-13-68040-4320", "60g-17-60480-6480", "60g-18-62640-6480",
        "60g-19-64800-6480", "60g-20-66960-6480", "60g-25-61560-6480", "60g-26-63720-6480",
        "60g-27-65880-6480",    ];
}

impl WirelessChannel {
    /// The channel's centre frequency and width in MHz, as NetBox's `get_channel_attr`
    /// reads them from the choice's value.
    pub fn frequency_and_width(self) -> (f64, f64) {
        let mut parts = self.as_str().rsplitn(3, '-');
        let width = parts.next().and_then(|w| w.parse().ok()).unwrap_or(0.0);
        let frequency = parts.next().and_then(|f| f.parse().ok()).unwrap_or(0.0);
        (frequency, width)
    }
}

/// A group of wireless LANs, nested by `parent`; names and slugs unique.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WirelessLanGroup {
    pub name: Text,
    pub slug: Option<Text>,
    pub parent: Option<Text>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
}

/// A wireless network: an SSID that access points and stations join. SSIDs may repeat
/// (NetBox has no constraint on them); a reference to a repeated one names its group,
/// `GROUP/SSID`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WirelessLan {
    /// At most 32 characters (IEEE 802.11).
    pub ssid: Text,
    pub group: Option<Text>,
    pub status: Option<Spanned<WirelessLanStatus>>,
    /// The VLAN the LAN bridges to, named as an interface names one (`SITE/NAME` when the
    /// name is not unique).
    pub vlan: Option<Text>,
    /// What `scope` names: a region, site group, site or location; `scope` alone names a
    /// site.
    pub scope_type: Option<Spanned<ScopeType>>,
    /// The region, site group or site by name, or the location as `SITE/LOCATION`.
    pub scope: Option<Text>,
    pub tenant: Option<Text>,
    pub auth_type: Option<Spanned<WirelessAuthType>>,
    pub auth_cipher: Option<Spanned<WirelessAuthCipher>>,
    /// The pre-shared key, at most 64 characters.
    pub auth_psk: Option<Text>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

/// A point-to-point wireless link between two wireless interfaces (`DEVICE:INTERFACE`),
/// which NetBox's cable paths follow as they follow a cable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct WirelessLink {
    pub interface_a: Spanned<EndpointRef>,
    pub interface_b: Spanned<EndpointRef>,
    pub ssid: Option<Text>,
    pub status: Option<Spanned<LinkStatus>>,
    pub tenant: Option<Text>,
    pub auth_type: Option<Spanned<WirelessAuthType>>,
    pub auth_cipher: Option<Spanned<WirelessAuthCipher>>,
    /// The pre-shared key, at most 64 characters.
    pub auth_psk: Option<Text>,
    /// Needs `distance_unit`.
    pub distance: Option<Spanned<f64>>,
    pub distance_unit: Option<Spanned<DistanceUnit>>,
    pub description: Option<String>,
    pub comments: Option<String>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub custom_fields: CustomFieldValues,
}

keyed! { WirelessLanGroup => Some("name"), WirelessLan => Some("ssid"), WirelessLink => None }
