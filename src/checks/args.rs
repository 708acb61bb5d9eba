//! Typed check arguments: each kind declares what it takes under `with`
//! once, with `args!`, as a serde struct that refuses unknown fields.
//!
//! The same declaration gives the kind's lists of required and optional
//! names (for lab validation, `labcheck show` and the reads a live source
//! plans), each optional argument's default, and the accessor that returns
//! it. A kind reads its arguments only through that struct, so a misspelt
//! name is a compile error, not a silent empty string.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde::de::{DeserializeOwned, Deserializer};

/// What a kind's argument struct says about itself, for code that does
/// not know the struct: lab validation and the reads of a plan.
#[derive(Clone, Copy)]
pub struct ArgSpec {
    /// Arguments a lab must give under `with`.
    pub params: &'static [&'static str],
    /// Arguments with a default.
    pub optional: &'static [&'static str],
    /// Each optional argument's default, by name.
    pub defaults: &'static [(&'static str, &'static str)],
    /// Deserializes a `with` table into the kind's struct, for lint.
    pub validate: fn(&BTreeMap<String, String>) -> Result<(), ArgsError>,
}

impl ArgSpec {
    /// Whether the kind takes an argument of this name.
    pub fn takes(&self, name: &str) -> bool {
        self.params.contains(&name) || self.optional.contains(&name)
    }

    /// An optional argument's default ("" for a required one or none).
    pub fn default_of(&self, name: &str) -> &'static str {
        self.defaults
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, d)| *d)
    }
}

/// Why a `with` table does not fit a kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArgsError {
    #[error("no parameter `{0}`")]
    Unknown(String),
    #[error("needs parameter `{0}`")]
    Missing(&'static str),
    /// The names fit but the struct refused the values.
    #[error("{0}")]
    Invalid(String),
}

/// Deserializes a `with` table (placeholders filled or not) into `A`.
pub fn parse<A: DeserializeOwned>(with: &BTreeMap<String, String>) -> Result<A, ArgsError> {
    let pairs = with.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    A::deserialize(MapDeserializer::<_, ValueError>::new(pairs))
        .map_err(|e| ArgsError::Invalid(e.to_string()))
}

/// Checks a `with` table against a kind: names first, in order (so lint
/// can say which one and suggest another), then the struct itself.
pub fn validate<A: DeserializeOwned>(
    spec: &ArgSpec,
    with: &BTreeMap<String, String>,
) -> Result<(), ArgsError> {
    if let Some(unknown) = with.keys().find(|name| !spec.takes(name)) {
        return Err(ArgsError::Unknown(unknown.clone()));
    }
    if let Some(missing) = spec.params.iter().find(|p| !with.contains_key(**p)) {
        return Err(ArgsError::Missing(missing));
    }
    parse::<A>(with).map(|_| ())
}

/// An optional argument as given: the `with` value is a plain string, which
/// serde's map deserializer does not read as an `Option` by itself.
pub fn given<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    String::deserialize(d).map(Some)
}

/// Declares a kind's argument struct:
///
/// ```ignore
/// args! {
///     /// `dynamodb.partition-key`
///     pub struct PartitionKeyArgs {
///         required { table, name }
///         optional { key_type as "type" = "S" }
///     }
/// }
/// ```
///
/// Required arguments are `String` fields; each optional one is read
/// through a method of the same name that returns its default when the lab
/// did not give it. `as "name"` sets the name labs use when it is not a Rust
/// identifier.
#[macro_export]
macro_rules! args {
    (@name $field:ident) => { stringify!($field) };
    (@name $field:ident $rename:literal) => { $rename };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            required { $($req:ident),* $(,)? }
            optional { $($opt:ident $(as $rename:literal)? = $default:literal),* $(,)? }
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        $vis struct $name {
            $(pub $req: String,)*
            $(
                $(#[serde(rename = $rename)])?
                #[serde(default, deserialize_with = "crate::checks::args::given")]
                $opt: Option<String>,
            )*
        }

        #[allow(dead_code)]
        impl $name {
            pub const SPEC: $crate::checks::args::ArgSpec = $crate::checks::args::ArgSpec {
                params: &[$(stringify!($req)),*],
                optional: &[$($crate::args!(@name $opt $($rename)?)),*],
                defaults: &[$(($crate::args!(@name $opt $($rename)?), $default)),*],
                validate: |with| $crate::checks::args::validate::<$name>(&$name::SPEC, with),
            };

            $(
                pub fn $opt(&self) -> &str {
                    self.$opt.as_deref().unwrap_or($default)
                }
            )*
        }
    };
}

args! {
    /// For kinds that take nothing: any `with` key is an error.
    pub struct NoArgs {
        required {}
        optional {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    args! {
        struct Sample {
            required { table }
            optional { key_type as "type" = "S", stage = "*" }
        }
    }

    fn with(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_declaration_gives_names_defaults_and_accessors() {
        assert_eq!(Sample::SPEC.params, ["table"]);
        assert_eq!(Sample::SPEC.optional, ["type", "stage"]);
        assert_eq!(Sample::SPEC.default_of("stage"), "*");
        let a: Sample = parse(&with(&[("table", "t")])).unwrap();
        assert_eq!((a.table.as_str(), a.key_type(), a.stage()), ("t", "S", "*"));
        let a: Sample = parse(&with(&[("table", "t"), ("type", "N")])).unwrap();
        assert_eq!(a.key_type(), "N");
    }

    #[test]
    fn unknown_and_missing_names_are_refused() {
        let validate = Sample::SPEC.validate;
        assert_eq!(
            validate(&with(&[("tabel", "t")])),
            Err(ArgsError::Unknown("tabel".into()))
        );
        assert_eq!(validate(&with(&[])), Err(ArgsError::Missing("table")));
        assert!(validate(&with(&[("table", "t"), ("stage", "x")])).is_ok());
        // The struct itself refuses what the lists would miss.
        assert!(parse::<Sample>(&with(&[("tabel", "t")])).is_err());
        assert!(parse::<NoArgs>(&with(&[("x", "y")])).is_err());
    }

    /// Every argument a kind says it reads by name is one it takes, so a
    /// typo in `reads` fails here rather than planning a read of "".
    #[test]
    fn every_read_names_an_argument_of_its_kind() {
        use crate::checks::{CATALOG, Read};
        let mut problems = Vec::new();
        for kind in CATALOG {
            let mut named: Vec<&str> = Vec::new();
            for read in kind.reads {
                match *read {
                    Read::Caller | Read::Users | Read::ApiGatewayAccount | Read::Certificates => {}
                    Read::Role(a)
                    | Read::LogGroup(a)
                    | Read::Table(a)
                    | Read::TableItems(a)
                    | Read::Function(a)
                    | Read::Api(a)
                    | Read::Bucket(a)
                    | Read::Instance(a)
                    | Read::LoadBalancer(a)
                    | Read::AutoScalingGroup(a)
                    | Read::Topic(a)
                    | Read::FunctionRole(a)
                    | Read::BucketNotifications(a) => named.push(a),
                    Read::Object { bucket, key } | Read::ObjectAcl { bucket, key } => {
                        named.extend([bucket, key]);
                    }
                    Read::ApiProbe => named.extend(["api", "stage", "path"]),
                    Read::WebsiteProbe => named.push("bucket"),
                    Read::AlbProbe => named.push("alb"),
                    Read::AlbHttpsProbe => named.extend(["alb", "domain"]),
                }
            }
            for name in named {
                if !kind.args.takes(name) {
                    problems.push(format!("{}: reads `{name}`, not an argument", kind.name));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:?}");
    }

    /// Each kind reads its arguments through the struct its `SPEC` came
    /// from: given exactly its required arguments, none says they do not fit.
    #[test]
    fn every_kind_reads_the_struct_it_declares() {
        let account = crate::account::Account::default();
        for kind in crate::checks::CATALOG {
            let args = kind
                .args
                .params
                .iter()
                .map(|p| (p.to_string(), "x".to_string()))
                .collect();
            assert_eq!((kind.args.validate)(&args), Ok(()), "{}", kind.name);
            let outcome = (kind.run)(&crate::checks::Ctx::new(&account, args));
            assert_ne!(
                outcome.finding.code, "engine.arguments-invalid",
                "{}: {:?}",
                kind.name, outcome.finding
            );
        }
    }

    #[test]
    fn a_misspelt_argument_fails_lint() {
        let lab = |with: &str| {
            format!(
                "id = \"mini\"\nversion = \"1\"\ntitle = \"Mini\"\nworkshop = \"t\"\nregion = \"ap-northeast-2\"\n\
                 [[step]]\nid = \"s\"\ntitle = \"S\"\n[[step.check]]\nid = \"c\"\ntitle = \"C\"\n\
                 kind = \"dynamodb.partition-key\"\nwith = {with}\n"
            )
        };
        assert!(
            crate::lab::parse("lab.toml", &lab("{ table = \"t\", name = \"id\" }"), "t").is_ok()
        );
        let err = crate::lab::parse(
            "lab.toml",
            &lab("{ table = \"t\", name = \"id\", tpye = \"N\" }"),
            "t",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("lab.toml:13:43: check `c`: kind `dynamodb.partition-key` has no parameter `tpye`; did you mean `type`?"),
            "{err}"
        );
    }
}
