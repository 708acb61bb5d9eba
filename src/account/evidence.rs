//! Evidence: what one read of the account gave. The value, that there is
//! none, or that it could not be read (refused, unparseable) and why. A check
//! has to say which of the three it met, so "could not read" can never pass
//! for "not there".

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A read that was refused or gave nothing usable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unreadable {
    /// The IAM action that was refused (`iam:GetRolePolicy`): the permission
    /// to add.
    pub action: String,
    /// What it was asked about (`my-lambda-role`, `my-bucket-1/index.html`);
    /// empty when the refusal covers every resource the action reads.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource: String,
    /// Why, as the service put it (`AccessDenied`, `HTTP 403`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Unreadable {
    pub fn new(action: &str, resource: &str, reason: &str) -> Unreadable {
        Unreadable {
            action: action.to_string(),
            resource: resource.to_string(),
            reason: reason.to_string(),
        }
    }

    /// Whether this refusal covers `action` on `resource`.
    pub fn covers(&self, action: &str, resource: &str) -> bool {
        self.action.eq_ignore_ascii_case(action)
            && (self.resource.is_empty() || self.resource == resource)
    }
}

/// One value read from the account.
///
/// In fixtures and snapshots it is written as the value itself, or as
/// `{ unreadable = { action = "...", reason = "..." } }`; a field left out is
/// `Absent`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Evidence<T> {
    /// Read, and there is none (no bucket policy, no website configuration).
    #[default]
    Absent,
    Got(T),
    Unreadable(Unreadable),
}

impl<T> From<Option<T>> for Evidence<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Evidence::Absent, Evidence::Got)
    }
}

impl<T> Evidence<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Evidence::Absent)
    }

    /// The value, when it was read and is there.
    pub fn got(&self) -> Option<&T> {
        match self {
            Evidence::Got(value) => Some(value),
            _ => None,
        }
    }

    pub fn got_mut(&mut self) -> Option<&mut T> {
        match self {
            Evidence::Got(value) => Some(value),
            _ => None,
        }
    }

    pub fn as_ref(&self) -> Evidence<&T> {
        match self {
            Evidence::Absent => Evidence::Absent,
            Evidence::Got(value) => Evidence::Got(value),
            Evidence::Unreadable(why) => Evidence::Unreadable(why.clone()),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Evidence<U> {
        match self {
            Evidence::Absent => Evidence::Absent,
            Evidence::Got(value) => Evidence::Got(f(value)),
            Evidence::Unreadable(why) => Evidence::Unreadable(why),
        }
    }

    pub fn unreadable(&self) -> Option<&Unreadable> {
        match self {
            Evidence::Unreadable(why) => Some(why),
            _ => None,
        }
    }
}

impl<T: Serialize> Serialize for Evidence<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Evidence::Got(value) => value.serialize(serializer),
            Evidence::Unreadable(why) => {
                let mut s = serializer.serialize_struct("Unreadable", 1)?;
                s.serialize_field("unreadable", why)?;
                s.end()
            }
            // Fields holding evidence skip `Absent`; a map never holds it.
            Evidence::Absent => serializer.serialize_none(),
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Repr<T> {
    Unreadable { unreadable: Unreadable },
    Got(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Evidence<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Repr::<T>::deserialize(deserializer)? {
            Repr::Unreadable { unreadable } => Evidence::Unreadable(unreadable),
            Repr::Got(value) => Evidence::Got(value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(default, deny_unknown_fields)]
    struct Holder {
        #[serde(skip_serializing_if = "Evidence::is_absent")]
        policy: Evidence<String>,
        inline: BTreeMap<String, Evidence<String>>,
    }

    #[test]
    fn reads_all_three_states_from_toml() {
        let text = r#"
            inline = { a = "{}", b = { unreadable = { action = "iam:GetRolePolicy", reason = "AccessDenied" } } }
        "#;
        let holder: Holder = toml::from_str(text).unwrap();
        assert_eq!(holder.policy, Evidence::Absent);
        assert_eq!(holder.inline["a"], Evidence::Got("{}".to_string()));
        assert_eq!(
            holder.inline["b"],
            Evidence::Unreadable(Unreadable::new("iam:GetRolePolicy", "", "AccessDenied"))
        );
        let again: Holder = toml::from_str(&toml::to_string(&holder).unwrap()).unwrap();
        assert_eq!(again, holder);
    }

    #[test]
    fn a_refusal_covers_its_resource_or_all() {
        let all = Unreadable::new("s3:GetObject", "", "");
        let one = Unreadable::new("s3:GetObject", "b/index.html", "");
        assert!(all.covers("s3:getobject", "b/x"));
        assert!(one.covers("s3:GetObject", "b/index.html"));
        assert!(!one.covers("s3:GetObject", "b/other"));
        assert!(!one.covers("s3:PutObject", "b/index.html"));
    }
}
