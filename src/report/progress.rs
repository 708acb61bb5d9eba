//! Progress on a terminal: one `MultiProgress` per run, drawn to stderr only
//! when stderr is a terminal and CI is unset, and hidden otherwise, so piped
//! and CI output carry results only.
//!
//! indicatif draws from its own tick threads. Nothing here, nor the caller,
//! may hold the stderr lock across a run: a tick thread would block on it
//! while holding the `MultiProgress` state, and the next `add` would then
//! block the main thread for ever (the hang of issue 8).

use std::time::Duration;

use fluent_bundle::FluentValue;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::tr;
use crate::lang::Lang;

/// How often spinners redraw.
const TICK: Duration = Duration::from_millis(120);

/// The progress display of one command run.
pub struct Progress {
    multi: MultiProgress,
    shown: bool,
    /// The language of its words (`locales/<lang>/report.ftl`).
    lang: Lang,
}

impl Progress {
    /// Shown when `stderr_is_terminal` and the environment has no `CI`.
    pub fn new(stderr_is_terminal: bool, lang: Lang) -> Progress {
        Progress::with(stderr_is_terminal && std::env::var_os("CI").is_none(), lang)
    }

    /// Never drawn.
    pub fn hidden() -> Progress {
        Progress::with(false, Lang::En)
    }

    fn with(shown: bool, lang: Lang) -> Progress {
        let target = if shown {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Progress {
            multi: MultiProgress::with_draw_target(target),
            shown,
            lang,
        }
    }

    fn words(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<_> = args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(v.to_string())))
            .collect();
        tr(self.lang, id, &args)
    }

    /// A spinner while one service is read (`what` is the service's key:
    /// `iam`, `dynamodb`, `lambda`, `apigateway`, `s3`, `regions`, `probes`).
    pub fn reading(&self, what: &str) -> ProgressBar {
        let service = self.words(&format!("progress-service-{what}"), &[]);
        self.spinner(self.words("progress-reading", &[("what", &service)]))
    }

    /// A spinner while one student is graded.
    pub fn grading(&self, id: &str) -> ProgressBar {
        self.spinner(self.words("progress-grading", &[("id", id)]))
    }

    /// The class's bar, counting students.
    pub fn class(&self) -> ProgressBar {
        self.bar(0, &self.words("progress-students", &[]))
    }

    /// What the class's bar says after the count once some students could
    /// not be graded.
    pub fn not_graded(&self, count: usize) -> String {
        self.words("progress-not-graded", &[("count", &count.to_string())])
    }

    pub fn is_shown(&self) -> bool {
        self.shown
    }

    /// A spinner with a message, ticking until finished.
    pub fn spinner(&self, message: String) -> ProgressBar {
        if !self.shown {
            return ProgressBar::hidden();
        }
        let bar = self.multi.add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message);
        bar.enable_steady_tick(TICK);
        bar
    }

    /// A bar counting `len` things, with a message after the count.
    pub fn bar(&self, len: u64, unit: &str) -> ProgressBar {
        if !self.shown {
            return ProgressBar::hidden();
        }
        let bar = self.multi.add(ProgressBar::new(len));
        let template = format!("{{bar:30}} {{pos}}/{{len}} {unit} {{elapsed}} {{msg}}");
        bar.set_style(
            ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("█▉▊▋▌▍▎▏ "),
        );
        bar.enable_steady_tick(TICK);
        bar
    }

    /// Takes a finished bar off the display.
    pub fn remove(&self, bar: &ProgressBar) {
        bar.finish_and_clear();
        self.multi.remove(bar);
    }

    /// A line above the bars (they redraw below it); nothing when hidden.
    pub fn println(&self, line: &str) {
        if self.shown {
            let _ = self.multi.println(line);
        }
    }

    /// Clears every bar, before the results are written.
    pub fn clear(&self) {
        let _ = self.multi.clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
