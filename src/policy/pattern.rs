//! String matching as IAM does it: `*`/`?` wildcards, `${key}` policy
//! variables, the per-segment ARN comparison and CIDR membership.
//!
//! Patterns are compiled to tokens before matching so that a substituted
//! variable value is always literal: a user named `a*` must not turn into a
//! wildcard.

use std::net::IpAddr;

use super::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    Lit(char),
    Any,
    One,
}

/// Compiles `pattern`; `None` when it uses a variable the context cannot
/// fill, which AWS treats as "does not match" rather than as an error.
/// With `vars` absent (a policy without `"Version": "2012-10-17"`, or an
/// element that takes no variables) `${...}` is plain text, as in AWS.
pub(crate) fn compile(
    pattern: &str,
    vars: Option<&Context>,
    wildcards: bool,
) -> Option<Vec<Token>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if let Some(ctx) = vars.filter(|_| c == '$' && chars.get(i + 1) == Some(&'{')) {
            let close = chars
                .get(i + 2..)
                .and_then(|rest| rest.iter().position(|&x| x == '}'));
            if let Some(len) = close {
                let name: String = chars.get(i + 2..i + 2 + len)?.iter().collect();
                push_variable(&name, ctx, &mut out)?;
                i += len + 3;
                continue;
            }
        }
        out.push(match c {
            '*' if wildcards => Token::Any,
            '?' if wildcards => Token::One,
            other => Token::Lit(other),
        });
        i += 1;
    }
    Some(out)
}

fn push_variable(name: &str, ctx: &Context, out: &mut Vec<Token>) -> Option<()> {
    // These three exist so a policy can say a literal wildcard or dollar.
    match name.trim() {
        "*" => out.push(Token::Lit('*')),
        "?" => out.push(Token::Lit('?')),
        "$" => out.push(Token::Lit('$')),
        key => {
            let value = ctx.get(key)?.first()?;
            out.extend(value.chars().map(Token::Lit));
        }
    }
    Some(())
}

/// Whether `pattern` (which may contain `*`, `?` and variables) matches `text`.
pub(crate) fn like(pattern: &str, text: &str, vars: Option<&Context>, ignore_case: bool) -> bool {
    compile(pattern, vars, true).is_some_and(|tokens| glob(&tokens, text, ignore_case))
}

/// Exact comparison after variable substitution (`*` is literal here).
pub(crate) fn equals(pattern: &str, text: &str, vars: Option<&Context>, ignore_case: bool) -> bool {
    compile(pattern, vars, false).is_some_and(|tokens| glob(&tokens, text, ignore_case))
}

pub(crate) fn glob(tokens: &[Token], text: &str, ignore_case: bool) -> bool {
    let text: Vec<char> = text.chars().collect();
    let same = |a: char, b: char| {
        if ignore_case {
            a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    let (mut p, mut t) = (0usize, 0usize);
    // Backtracking point: the last `*` seen and the text position it covers up to.
    let mut star: Option<(usize, usize)> = None;
    while let Some(&c) = text.get(t) {
        match tokens.get(p) {
            Some(Token::Any) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Token::One) => {
                p += 1;
                t += 1;
            }
            Some(Token::Lit(l)) if same(*l, c) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|tok| *tok == Token::Any))
}

/// ArnEquals/ArnLike: AWS compares the six colon-separated parts one by one,
/// so a `*` in the region cannot swallow the account. Anything that is not
/// six-part on both sides falls back to a whole-string comparison.
pub(crate) fn arn_like(pattern: &str, arn: &str, vars: Option<&Context>) -> bool {
    let Some(tokens) = compile(pattern, vars, true) else {
        return false;
    };
    let pattern_parts: Vec<&[Token]> = tokens.splitn(6, |t| *t == Token::Lit(':')).collect();
    let arn_parts: Vec<&str> = arn.splitn(6, ':').collect();
    if pattern_parts.len() == 6 && arn_parts.len() == 6 {
        pattern_parts
            .iter()
            .zip(arn_parts.iter())
            .all(|(p, a)| glob(p, a, false))
    } else {
        glob(&tokens, arn, false)
    }
}

/// A CIDR block as written in a policy; a bare address is a /32 or /128.
pub(crate) fn parse_cidr(value: &str) -> Option<(IpAddr, u8)> {
    let value = value.trim();
    let (addr, len) = match value.split_once('/') {
        Some((addr, len)) => (addr, Some(len.parse::<u8>().ok()?)),
        None => (value, None),
    };
    let ip: IpAddr = addr.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let len = len.unwrap_or(max);
    (len <= max).then_some((ip, len))
}

pub(crate) fn in_cidr(ip: IpAddr, (net, len): (IpAddr, u8)) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) => {
            let mask = u32::MAX
                .checked_shl(32u32.saturating_sub(len.into()))
                .unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) => {
            let mask = u128::MAX
                .checked_shl(128u32.saturating_sub(len.into()))
                .unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// True when the text carries a wildcard or a variable, i.e. is not a fixed
/// value in the sense of the S3 "public" rules.
pub(crate) fn is_wildcarded(value: &str) -> bool {
    value.contains('*') || value.contains('?') || value.contains("${")
}
