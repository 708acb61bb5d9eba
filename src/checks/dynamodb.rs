//! DynamoDB check kinds: the table, its state, its key, its items.

use crate::account::Table;
use crate::finding;

use super::support::{self, Lookup, Missing};
use super::{Ctx, Kind, Outcome, Read};

const TABLE: Lookup = Lookup {
    missing: Missing {
        none: "dynamodb.table.not-found",
        near: "dynamodb.table.not-found-near",
        among: "dynamodb.table.not-found-among",
        elsewhere: "dynamodb.table.in-other-region",
    },
    action: "dynamodb:DescribeTable",
    service: "dynamodb",
};

crate::args! {
    /// The kinds that look at one table.
    pub struct TableArgs {
        required { table }
        optional {}
    }
}

crate::args! {
    /// `dynamodb.partition-key`: the key's name and type (S, N or B).
    pub struct PartitionKeyArgs {
        required { table, name }
        optional { key_type as "type" = "S" }
    }
}

/// The lab's table, and its name as the lab gave it.
fn table<'a>(ctx: &Ctx<'a>, name: &str) -> Result<(&'a Table, String), Outcome> {
    let table = support::find(ctx.account, &ctx.account.dynamodb, name, &TABLE)?;
    Ok((table, name.to_string()))
}

/// The table of a kind that takes only `table`.
fn table_only<'a>(ctx: &Ctx<'a>) -> Result<(&'a Table, String), Outcome> {
    table(ctx, &ctx.args::<TableArgs>()?.table)
}

pub const TABLE_EXISTS: Kind = Kind {
    name: "dynamodb.table-exists",
    args: TableArgs::SPEC,
    probe: false,
    reads: &[Read::Table("table")],
    run: |ctx| match table_only(ctx) {
        Ok((_, name)) => Outcome::pass(finding!("dynamodb.table.exists", table = name)),
        Err(outcome) => outcome,
    },
};

pub const TABLE_ACTIVE: Kind = Kind {
    name: "dynamodb.table-active",
    args: TableArgs::SPEC,
    probe: false,
    reads: &[Read::Table("table")],
    run: table_active,
};

fn table_active(ctx: &Ctx<'_>) -> Outcome {
    let (table, name) = match table_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    match table.status.as_str() {
        "ACTIVE" => Outcome::pass(finding!("dynamodb.table.active", table = name)),
        status @ ("CREATING" | "UPDATING") => Outcome::pending(finding!(
            "dynamodb.table.settling",
            table = name,
            status = status
        )),
        status => Outcome::fail(finding!(
            "dynamodb.table.not-active",
            table = name,
            status = status
        )),
    }
}

pub const PARTITION_KEY: Kind = Kind {
    name: "dynamodb.partition-key",
    args: PartitionKeyArgs::SPEC,
    probe: false,
    reads: &[Read::Table("table")],
    run: partition_key,
};

fn partition_key(ctx: &Ctx<'_>) -> Outcome {
    let a = match ctx.args::<PartitionKeyArgs>() {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let (table, _) = match table(ctx, &a.table) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let (want_name, want_type) = (a.name.as_str(), a.key_type());
    match &table.partition_key {
        Some(key) if key.name == want_name && key.kind == want_type => Outcome::pass(finding!(
            "dynamodb.partition-key.matches",
            found = key.name,
            found_type = key.kind
        )),
        Some(key) => Outcome::fail(finding!(
            "dynamodb.partition-key.mismatch",
            found = key.name,
            found_type = key.kind,
            expected = want_name,
            expected_type = want_type
        )),
        None => Outcome::error(finding!("dynamodb.key-schema.unreadable")),
    }
}

pub const HAS_ITEMS: Kind = Kind {
    name: "dynamodb.has-items",
    args: TableArgs::SPEC,
    probe: false,
    reads: &[Read::TableItems("table")],
    run: has_items,
};

fn has_items(ctx: &Ctx<'_>) -> Outcome {
    let (table, name) = match table_only(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if table.item_count > 0 {
        Outcome::pass(finding!("dynamodb.items.present", table = name))
    } else if let Some(why) = ctx.account.refused("dynamodb:Scan", &name) {
        support::unreadable(why)
    } else {
        Outcome::fail(finding!("dynamodb.items.empty", table = name))
    }
}
