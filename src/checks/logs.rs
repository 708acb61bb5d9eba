//! CloudWatch Logs check kinds: a log group exists (a function that ran and
//! may create its group has one), and it holds a stream (the function wrote).

use crate::account::LogGroup;
use crate::finding;

use super::support::{self, Lookup, Missing};
use super::{Ctx, Kind, Outcome, Read};

const LOG_GROUP: Lookup = Lookup {
    missing: Missing {
        none: "logs.log-group.not-found",
        near: "logs.log-group.not-found-near",
        among: "logs.log-group.not-found-among",
        elsewhere: "logs.log-group.in-other-region",
    },
    action: "logs:DescribeLogGroups",
    service: "logs",
};

crate::args! {
    /// `logs.log-group-exists`, `logs.log-stream-exists`: the group's name
    /// (`/aws/lambda/{function}`).
    pub struct LogGroupArgs {
        required { group }
        optional {}
    }
}

fn group<'a>(ctx: &Ctx<'a>) -> Result<(&'a LogGroup, String), Outcome> {
    let a = ctx.args::<LogGroupArgs>()?;
    let group = support::find(ctx.account, &ctx.account.logs, &a.group, &LOG_GROUP)?;
    Ok((group, a.group))
}

pub const LOG_GROUP_EXISTS: Kind = Kind {
    name: "logs.log-group-exists",
    args: LogGroupArgs::SPEC,
    probe: false,
    reads: &[Read::LogGroup("group")],
    run: |ctx| match group(ctx) {
        Ok((_, name)) => Outcome::pass(finding!("logs.log-group.exists", group = name)),
        Err(outcome) => outcome,
    },
};

pub const LOG_STREAM_EXISTS: Kind = Kind {
    name: "logs.log-stream-exists",
    args: LogGroupArgs::SPEC,
    probe: false,
    reads: &[Read::LogGroup("group")],
    run: log_stream_exists,
};

fn log_stream_exists(ctx: &Ctx<'_>) -> Outcome {
    let (group, name) = match group(ctx) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    match support::read(&group.latest_stream) {
        Ok(Some(stream)) => Outcome::pass(finding!(
            "logs.log-stream.exists",
            group = name,
            stream = stream.name
        )),
        Ok(None) => Outcome::fail(finding!("logs.log-stream.none", group = name)),
        Err(outcome) => outcome,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::account::{Account, Evidence, LogStream, Unreadable};
    use crate::checks::Status;

    fn run(kind: &Kind, account: &Account) -> Outcome {
        let args = BTreeMap::from([("group".to_string(), "/aws/lambda/f".to_string())]);
        (kind.run)(&Ctx::new(account, args))
    }

    fn with_group(stream: Evidence<LogStream>) -> Account {
        let mut account = Account::default();
        account.logs.insert(
            "/aws/lambda/f".into(),
            LogGroup {
                arn: String::new(),
                latest_stream: stream,
            },
        );
        account
    }

    #[test]
    fn a_missing_group_fails_and_a_near_one_is_named() {
        let mut account = Account::default();
        let outcome = run(&LOG_GROUP_EXISTS, &account);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.code, "logs.log-group.not-found");
        account
            .logs
            .insert("/aws/lambda/g".into(), LogGroup::default());
        let outcome = run(&LOG_GROUP_EXISTS, &account);
        assert_eq!(outcome.finding.code, "logs.log-group.not-found-near");
    }

    #[test]
    fn a_refused_listing_is_an_error_not_absence() {
        let mut account = Account::default();
        account.unreadable.push(Unreadable::new(
            "logs:DescribeLogGroups",
            "/aws/lambda/f",
            "AccessDeniedException",
        ));
        let outcome = run(&LOG_GROUP_EXISTS, &account);
        assert_eq!(outcome.status, Status::Error);
        assert_eq!(outcome.finding.args["action"], "logs:DescribeLogGroups");
    }

    #[test]
    fn a_stream_passes_none_fails_unread_is_error() {
        let stream = LogStream {
            name: "2026/11/24/[$LATEST]abc".into(),
            last_event_timestamp: Some(1),
        };
        let account = with_group(Evidence::Got(stream));
        assert_eq!(run(&LOG_GROUP_EXISTS, &account).status, Status::Pass);
        assert_eq!(run(&LOG_STREAM_EXISTS, &account).status, Status::Pass);
        let account = with_group(Evidence::Absent);
        let outcome = run(&LOG_STREAM_EXISTS, &account);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.finding.code, "logs.log-stream.none");
        let why = Unreadable::new("logs:DescribeLogStreams", "/aws/lambda/f", "AccessDenied");
        let account = with_group(Evidence::Unreadable(why));
        assert_eq!(run(&LOG_STREAM_EXISTS, &account).status, Status::Error);
    }
}
