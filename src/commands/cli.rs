//! clap's own words (headings, usage, `-h`/`-V`, the `help` command, its errors) in the
//! message catalogue's language; `main.rs` only declares the arguments and calls these.

use crate::messages::{self, CliText};
use clap::{Arg, ArgAction};
use std::process::ExitCode;

/// Puts clap's own words in the catalogue's, in the language spoken: the headings (用法,
/// 命令, 参数, 选项), `[选项]` in the usage lines, `-h`/`--help`, `-V`/`--version` and the
/// `help` command.
pub fn localize(cmd: clap::Command) -> clap::Command {
    fn one(c: clap::Command) -> clap::Command {
        let template = format!(
            "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            CliText::UsageHeading
        );
        c.disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(CliText::HelpFlag.to_string()),
            )
            .mut_args({
                // Each argument under its heading, in the order declared (clap sorts a
                // heading of its own by name), its default said in our words.
                let mut order = 0;
                move |a| {
                    order += 1;
                    let heading = if a.is_positional() {
                        CliText::ArgumentsHeading
                    } else {
                        CliText::OptionsHeading
                    };
                    let default: Vec<String> = a
                        .get_default_values()
                        .iter()
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect();
                    let mut a = a.help_heading(heading.to_string()).display_order(order);
                    if let Some(v) = messages::ValueName::of(a.get_id().as_str())
                        && a.get_num_args().is_none_or(|n| n.takes_values())
                        && !matches!(a.get_action(), ArgAction::SetTrue | ArgAction::Help)
                    {
                        a = a.value_name(v.text(messages::current()));
                    }
                    if default.is_empty() {
                        return a;
                    }
                    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
                    let value = default.join(" ");
                    a.hide_default_value(true)
                        .help(format!("{help} {}", CliText::DefaultValue { value }))
                }
            })
            .subcommand_help_heading(CliText::CommandsHeading.to_string())
            .help_template(template)
    }
    let cmd = one(cmd)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(CliText::VersionFlag.to_string())
                .help_heading(CliText::OptionsHeading.to_string()),
        )
        .disable_help_subcommand(true)
        .subcommand(
            clap::Command::new("help")
                .about(CliText::HelpCommand.to_string())
                .arg(Arg::new("command").help(CliText::HelpCommandArg.to_string())),
        )
        .mut_subcommands(one);
    // The usage lines, as clap makes them once built, with its placeholders in our words.
    let mut built = cmd.clone();
    built.build();
    let usage = |c: &mut clap::Command| {
        let u = c.render_usage().to_string();
        u.split_once(": ")
            .map_or(u.as_str(), |(_, rest)| rest)
            .replace("[OPTIONS]", &CliText::OptionsPlaceholder.to_string())
            .replace("<COMMAND>", &CliText::CommandPlaceholder.to_string())
    };
    let root_usage = usage(&mut built);
    let subs: Vec<(String, String)> = built
        .get_subcommands_mut()
        .map(|c| (c.get_name().to_string(), usage(c)))
        .collect();
    let mut cmd = cmd.override_usage(root_usage);
    for (name, u) in subs {
        cmd = cmd.mut_subcommand(name, |c| c.override_usage(u));
    }
    cmd
}

/// Prints clap's error in the catalogue's words, with the usage line and where to read more;
/// help and version are printed as clap prints them. Exits with clap's code (2).
pub fn cli_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    if matches!(
        e.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let get = |k: C| -> String {
        match e.get(k) {
            Some(V::String(s)) => s.clone(),
            Some(V::Strings(v)) => v.join(&messages::Term::Separator.to_string()),
            Some(V::StyledStr(s)) => s.to_string(),
            Some(V::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(&messages::Term::Separator.to_string()),
            Some(V::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = get(C::InvalidArg);
    let main = match e.kind() {
        K::UnknownArgument => CliText::UnknownArgument { arg },
        K::InvalidSubcommand => CliText::UnknownCommand {
            name: get(C::InvalidSubcommand),
        },
        K::InvalidValue => CliText::NotAChoice {
            arg,
            value: get(C::InvalidValue),
            choices: get(C::ValidValue),
        },
        K::ValueValidation => CliText::BadValue {
            arg,
            reason: std::error::Error::source(&e)
                .map(ToString::to_string)
                .unwrap_or_default(),
        },
        K::MissingRequiredArgument => CliText::MissingArguments { args: arg },
        K::ArgumentConflict => CliText::Conflict {
            arg,
            other: get(C::PriorArg),
        },
        K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues | K::NoEquals => {
            CliText::WrongValueCount { arg }
        }
        _ => CliText::Other,
    };
    eprintln!("{}: {main}", CliText::ErrorLabel);
    for k in [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue] {
        let suggestion = get(k);
        if !suggestion.is_empty() {
            eprintln!("  {}", CliText::DidYouMean { suggestion });
        }
    }
    let usage = get(C::Usage);
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
    if !usage.is_empty() {
        eprintln!("\n{}{usage}", CliText::UsageHeading);
    }
    let command = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ");
    let command = if command.is_empty() {
        "gongkai".to_string()
    } else {
        command
    };
    eprintln!("\n{}", CliText::MoreHelp { command });
    ExitCode::from(2)
}
