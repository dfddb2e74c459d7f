//! Where sites and devices are: latitude and longitude in range and to six decimal places
//! (the fields' validators and `DecimalField(decimal_places=6)` of NetBox's `Site` and
//! `Device`), and sites' time zones (`TimeZoneField`). Called from `values.rs`.

use crate::diag::{self, codes, Diagnostic, FileId, Location};
use crate::model::{Obj, Spanned};

/// Latitude in -90..90 and longitude in -180..180 (the fields' validators), with at most
/// six decimal places (`DecimalField(decimal_places=6)`), of a site or a device; `owner`
/// names it (`site `ams1``).
pub(super) fn coordinates(
    file: FileId,
    owner: impl Fn() -> String,
    latitude: Option<&Spanned<f64>>,
    longitude: Option<&Spanned<f64>>,
    out: &mut Vec<Diagnostic>,
) {
    for (value, what, limit) in [
        (latitude, "latitude", 90.0),
        (longitude, "longitude", 180.0),
    ] {
        let Some(value) = value else {
            continue;
        };
        let at = Location::new(file, value.span);
        // The shortest text that reads back as the value has at most six digits after the
        // point.
        let text = value.value.to_string();
        let places = text.split_once('.').map_or(0, |(_, d)| d.len());
        if places > 6 {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "{what} of {} is {text}, with {places} decimal places; NetBox keeps 6",
                        owner()
                    ),
                )
                .at(at)
                .with_help("round it to six decimal places (about 0.1 m)"),
            );
        }
        if !(-limit..=limit).contains(&value.value) {
            out.push(
                Diagnostic::new(
                    &codes::INVALID_VALUE,
                    format!(
                        "{what} of {} is {}, outside -{limit} to {limit}",
                        owner(),
                        value.value
                    ),
                )
                .at(at)
                .with_help(format!(
                    "give the {what} in decimal degrees, -{limit} to {limit}"
                )),
            );
        }
    }
}

/// Latitude and longitude in range, the time zone a known zone name.
pub(super) fn site_values(site: &Obj<crate::model::organisation::Site>, out: &mut Vec<Diagnostic>) {
    let data = &site.data;
    let name = &data.name.value;
    coordinates(
        site.file,
        || format!("site `{name}`"),
        data.latitude.as_ref(),
        data.longitude.as_ref(),
        out,
    );
    if let Some(zone) = &data.time_zone {
        if zone.value.parse::<chrono_tz::Tz>().is_err() {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            let suggestions = diag::did_you_mean(&zone.value, names);
            out.push(
                Diagnostic::new(
                    &codes::INVALID_CHOICE,
                    format!(
                        "time zone `{}` of site `{name}` is not a known zone",
                        diag::quote(zone)
                    ),
                )
                .at(site.at(zone))
                .with_help(diag::suggestion_help(&suggestions).unwrap_or_else(|| {
                    "use a name of the IANA time zone database, e.g. `Europe/Amsterdam`".to_string()
                })),
            );
        }
    }
}
