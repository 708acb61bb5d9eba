//! Candidates: when several resources match what a lab names (two REST APIs
//! called `my-api`, two buckets matching `my-bucket-*`), the lab is
//! evaluated with each one bound in turn, and the binding that earns the
//! most points wins; on a tie, the API the page calls. The report says what
//! was done, in a note.

use crate::account::{Account, Needs, glob};
use crate::finding;

use crate::checks::Finding;

/// At most this many bindings are evaluated; past it, the first ones (in
/// the order below) are, and a note says so.
pub const MAX_BINDINGS: usize = 16;

/// One way to bind every ambiguous name: the account as the checks see it.
pub struct Binding {
    pub account: Account,
    /// What was chosen for each ambiguous name: (note code, name, count,
    /// chosen), rendered once the winner is known.
    choices: Vec<Choice>,
}

/// One option for one ambiguous name: what choosing it means, and how to
/// bind it into an account.
type Candidate = (Choice, Box<dyn Fn(&mut Account)>);

#[derive(Clone)]
struct Choice {
    api: bool,
    name: String,
    count: usize,
    chosen: String,
}

/// Every binding to try, and how many there would be without the bound;
/// None when nothing the lab names is ambiguous.
pub fn bindings(account: &Account, needs: &Needs) -> Option<(Vec<Binding>, usize)> {
    // Each ambiguous name with its options, as functions binding one.
    let mut axes: Vec<Vec<Candidate>> = Vec::new();
    for name in &needs.apis {
        let Some(first) = account.apigateway.get(name) else {
            continue;
        };
        let others = account
            .duplicate_apis
            .get(name)
            .cloned()
            .unwrap_or_default();
        if others.is_empty() {
            continue;
        }
        let all: Vec<_> = std::iter::once(first.clone()).chain(others).collect();
        let count = all.len();
        axes.push(
            all.into_iter()
                .map(|api| {
                    let choice = Choice {
                        api: true,
                        name: name.clone(),
                        count,
                        chosen: api.id.clone(),
                    };
                    let name = name.clone();
                    let bind: Box<dyn Fn(&mut Account)> = Box::new(move |a: &mut Account| {
                        a.apigateway.insert(name.clone(), api.clone());
                    });
                    (choice, bind)
                })
                .collect(),
        );
    }
    for pattern in &needs.buckets {
        let matching: Vec<String> = account
            .s3
            .buckets
            .keys()
            .filter(|b| glob(pattern, b))
            .cloned()
            .collect();
        if matching.len() < 2 {
            continue;
        }
        let count = matching.len();
        axes.push(
            matching
                .iter()
                .map(|keep| {
                    let choice = Choice {
                        api: false,
                        name: pattern.clone(),
                        count,
                        chosen: keep.clone(),
                    };
                    let (pattern, keep) = (pattern.clone(), keep.clone());
                    let bind: Box<dyn Fn(&mut Account)> = Box::new(move |a: &mut Account| {
                        a.s3.buckets.retain(|b, _| *b == keep || !glob(&pattern, b));
                    });
                    (choice, bind)
                })
                .collect(),
        );
    }
    let total = axes.iter().map(Vec::len).product::<usize>();
    if axes.is_empty() {
        return None;
    }
    // The cartesian product, in order, stopping at the bound.
    let mut out = Vec::new();
    let mut index = vec![0usize; axes.len()];
    while out.len() < MAX_BINDINGS {
        let mut bound = account.clone();
        let mut choices = Vec::new();
        for (axis, &i) in axes.iter().zip(&index) {
            let (choice, bind) = &axis[i];
            bind(&mut bound);
            choices.push(choice.clone());
        }
        // Only the bound API's duplicates are dropped, so no check sees
        // the others.
        bound.duplicate_apis.clear();
        out.push(Binding {
            account: bound,
            choices,
        });
        // Next index, last axis fastest.
        let mut axis = axes.len();
        loop {
            if axis == 0 {
                return Some((out, total));
            }
            axis -= 1;
            index[axis] += 1;
            if index[axis] < axes[axis].len() {
                break;
            }
            index[axis] = 0;
        }
    }
    Some((out, total))
}

impl Binding {
    /// How many of the bound REST APIs the page calls: some object in the
    /// buckets holds the API's invoke URL.
    pub fn page_calls_api(&self) -> usize {
        self.choices
            .iter()
            .filter(|c| c.api && self.page_calls(&c.chosen))
            .count()
    }

    fn page_calls(&self, api_id: &str) -> bool {
        let needle = format!("{api_id}.execute-api.");
        self.account.s3.buckets.values().any(|b| {
            b.objects.values().any(|o| {
                o.got()
                    .and_then(|o| o.body.as_deref())
                    .is_some_and(|body| body.contains(&needle))
            })
        })
    }

    /// The notes to report for this binding when it is the one chosen.
    pub fn notes(&self, tried: usize, total: usize) -> Vec<Finding> {
        let mut notes: Vec<Finding> = self
            .choices
            .iter()
            .map(|c| {
                let finding = match (c.api, c.api && self.page_calls(&c.chosen)) {
                    (true, true) => finding!("engine.candidates.api-called"),
                    (true, false) => finding!("engine.candidates.api-best"),
                    (false, _) => finding!("engine.candidates.bucket-best"),
                };
                finding
                    .arg("count", c.count)
                    .arg("name", &c.name)
                    .arg("chosen", &c.chosen)
            })
            .collect();
        if tried < total {
            notes.push(finding!(
                "engine.candidates.bounded",
                tried = tried,
                total = total
            ));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Status;
    use crate::engine::evaluate;

    fn complete() -> (crate::lab::Lab, crate::lab::Values, crate::account::Account) {
        let lab = crate::lab::load("serverless").unwrap();
        let values = lab.values(&[]).unwrap();
        let account = crate::sim::load("serverless", &lab.region, "complete")
            .unwrap()
            .account;
        (lab, values, account)
    }

    /// The empty API listed first, the built one second: the first match
    /// used to be checked and failed seven checks.
    #[test]
    fn the_built_api_is_bound_when_an_empty_one_comes_first() {
        let (lab, values, mut account) = complete();
        let built = account.apigateway["my-api"].clone();
        let empty = crate::account::RestApi {
            id: "zz9empty00".into(),
            ..Default::default()
        };
        account.apigateway.insert("my-api".into(), empty);
        account
            .duplicate_apis
            .insert("my-api".into(), vec![built.clone()]);
        let result = evaluate(&lab, &values, &account);
        assert!(
            result.checks().all(|c| c.status == Status::Pass),
            "{:?}",
            result
                .checks()
                .filter(|c| c.status != Status::Pass)
                .map(|c| &c.id)
                .collect::<Vec<_>>()
        );
        assert_eq!(result.notes.len(), 1);
        assert_eq!(result.notes[0].code, "engine.candidates.api-called");
        assert_eq!(result.notes[0].args["chosen"], built.id);
        assert_eq!(result.notes[0].args["count"], "2");
    }

    /// Without a duplicate, nothing is bound and no note is made.
    #[test]
    fn one_match_makes_no_note() {
        let (lab, values, account) = complete();
        assert!(evaluate(&lab, &values, &account).notes.is_empty());
    }

    /// Many same-named APIs: the bound is kept and said.
    #[test]
    fn too_many_bindings_are_bounded_and_said() {
        let (lab, values, mut account) = complete();
        let empties: Vec<_> = (0..4)
            .map(|i| crate::account::RestApi {
                id: format!("empty{i}"),
                ..Default::default()
            })
            .collect();
        account.duplicate_apis.insert("my-api".into(), empties);
        for i in 0..4 {
            account.s3.buckets.insert(
                format!("my-bucket-0000000{i}"),
                crate::account::Bucket::default(),
            );
        }
        // 5 APIs × 5 buckets = 25 bindings, over the bound of 16.
        let result = evaluate(&lab, &values, &account);
        let bounded = result
            .notes
            .iter()
            .find(|n| n.code == "engine.candidates.bounded")
            .expect("a note says the bound was hit");
        assert_eq!(bounded.args["total"], "25");
        assert_eq!(bounded.args["tried"], super::MAX_BINDINGS.to_string());
    }
}
