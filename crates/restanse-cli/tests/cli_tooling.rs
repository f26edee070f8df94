//! The CLI as a tool (issue 19): shell completions and the man page, generated from the same clap definition.
mod common;

fn run(args: &[&str]) -> (bool, String, String) {
    let o = common::run(args, None);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn completions_for_every_shell_name_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (ok, out, err) = run(&["completions", shell]);
        assert!(ok, "{shell}: {err}");
        for word in [
            "assess",
            "report",
            "completions",
            "man",
            // fish writes options as `-l as-of`, the others as `--as-of`
            "as-of",
            "lang",
            "csv-dialect",
        ] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (_, bash, _) = run(&["completions", "bash"]);
    assert!(
        bash.contains("complete -F _restanse"),
        "a bash completion function"
    );
}

#[test]
fn an_unknown_shell_is_refused_with_the_choices() {
    let (ok, _, err) = run(&["completions", "tcsh"]);
    assert!(!ok);
    assert!(err.contains("bash") && err.contains("zsh"), "{err}");
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let (ok, out, err) = run(&["man"]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with(".ie") || out.contains(".TH restanse"),
        "roff"
    );
    assert!(out.contains(".TH restanse 1"));
    assert!(
        out.contains(".SH NAME") && out.contains(".SH SYNOPSIS") && out.contains(".SH SUBCOMMANDS")
    );
    for sub in ["assess", "report", "sample", "policy", "completions"] {
        assert!(
            out.contains(&format!("restanse\\-{sub}")),
            "man page lists {sub}"
        );
    }
}

#[test]
fn csv_for_norwegian_excel_under_nb_and_rfc4180_in_english() {
    let base = [
        "assess",
        "--as-of",
        "2026-11-23",
        "--format",
        "csv",
        "--sample",
        "40",
    ];
    let (ok, en, err) = run(&base);
    assert!(ok, "{err}");
    assert!(en.starts_with("member_id,risk,band,"), "{en}");
    let (ok, nb, err) = run(&[&base[..], &["--lang", "nb"]].concat());
    assert!(ok, "{err}");
    assert!(nb.starts_with("\u{feff}member_id;risk;band;"), "{nb}");
    let second = nb.lines().nth(1).unwrap_or_default();
    let risk = second.split(';').nth(1).unwrap_or_default();
    assert!(
        risk.contains(',') && !risk.contains('.'),
        "decimal comma: {second}"
    );
    assert!(nb.contains("ubetalt"), "Norwegian messages");
    // the dialect can be chosen either way
    let (_, forced, _) = run(&[&base[..], &["--lang", "nb", "--csv-dialect", "rfc4180"]].concat());
    assert!(forced.starts_with("member_id,risk,"));
    let (_, forced, _) = run(&[&base[..], &["--csv-dialect", "excel-nb"]].concat());
    assert!(forced.starts_with("\u{feff}member_id;risk;"));
}

#[test]
fn report_csv_has_every_section() {
    let (ok, out, err) = run(&[
        "report",
        "--as-of",
        "2026-11-23",
        "--format",
        "csv",
        "--sample",
        "300",
    ]);
    assert!(ok, "{err}");
    for section in [
        "# members",
        "# bands",
        "# signals",
        "# actions",
        "# key_figures",
        "# ageing",
        "# concentration",
        "# more_than_three_unpaid",
        "# unpaid",
        "# latent",
        "# rejected",
    ] {
        assert!(out.lines().any(|l| l == section), "no {section} in\n{out}");
    }
}

#[test]
fn a_semicolon_export_is_read_and_a_bad_header_names_the_separator() {
    let dir = std::env::temp_dir().join(format!("restanse-tooling-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    std::fs::write(
        dir.join("members.csv"),
        "\u{feff}id;joined_on;monthly_fee;payment_method\r\nM-1;2024-01-15;549,00;invoice\r\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("instalments.csv"),
        "member_id;id;due_on;amount;paid\r\nM-1;I-1;2026-08-01;549,00;0\r\nM-1;I-2;2026-09-01;549,00;0\r\nM-1;I-3;2026-10-01;549,00;0\r\n",
    )
    .expect("write");
    let d = dir.to_str().unwrap_or_default();
    let (ok, out, err) = run(&["assess", d, "--as-of", "2026-11-23", "--format", "json"]);
    assert!(ok, "{err}");
    assert!(out.contains("\"band\":\"critical\""), "{out}");
    std::fs::write(
        dir.join("members.csv"),
        "medlem;innmeldt\r\nM-1;2024-01-15\r\n",
    )
    .expect("write");
    let (ok, _, err) = run(&["assess", d, "--as-of", "2026-11-23", "--format", "json"]);
    assert!(!ok);
    assert!(err.contains("the header has no `id` column"), "{err}");
    assert!(err.contains("semicolon (;)-separated"), "{err}");
}

#[test]
fn tables_and_summaries_in_norwegian_under_nb() {
    let (ok, out, err) = run(&[
        "assess",
        "--as-of",
        "2026-11-23",
        "--format",
        "table",
        "--sample",
        "60",
        "--lang",
        "nb",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("medlem") && out.contains("første tiltak"),
        "{out}"
    );
    assert!(out.contains("medlemmer vurdert per 2026-11-23"), "{out}");
    assert!(!out.contains("members assessed"), "{out}");
    let (ok, out, err) = run(&[
        "report",
        "--as-of",
        "2026-11-23",
        "--format",
        "table",
        "--sample",
        "300",
        "--lang",
        "nb",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Portefølje per 2026-11-23"), "{out}");
    assert!(
        out.contains("nøkkeltall") && out.contains("Restanse:"),
        "{out}"
    );
    assert!(
        !out.contains("Portfolio as of") && !out.contains("Arrears:"),
        "{out}"
    );
}

#[test]
fn data_warnings_and_duplicate_ids_in_norwegian_under_nb() {
    let dir = std::env::temp_dir().join(format!("restanse-tooling-nb-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("gym.json");
    std::fs::write(
        &file,
        r#"[{"id":"M-1","joinedOn":"2025-01-01","visits":["2024-06-01","2026-11-01"]},{"id":"M-1","joinedOn":"2025-01-01"}]"#,
    )
    .expect("write");
    let f = file.to_str().unwrap_or_default();
    let args = ["assess", f, "--as-of", "2026-11-23", "--format", "json"];
    let (ok, en, err) = run(&args);
    assert!(ok, "{err}");
    assert!(
        en.contains("1 visit(s) before joining on 2025-01-01"),
        "{en}"
    );
    assert!(
        en.contains("duplicate id: record 1 has the same id"),
        "{en}"
    );
    let (ok, nb, err) = run(&[&args[..], &["--lang", "nb"]].concat());
    assert!(ok, "{err}");
    assert!(nb.contains("1 besøk før innmelding 2025-01-01"), "{nb}");
    assert!(nb.contains("duplisert id: post 1 har samme id"), "{nb}");
}

#[test]
fn a_policy_in_nb_is_refused_in_norwegian_naming_the_same_rule() {
    let dir = std::env::temp_dir().join(format!("restanse-tooling-policy-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let nb = dir.join("nb.json");
    let en = dir.join("en.json");
    std::fs::write(
        &nb,
        r#"{"language":"nb","ladder":{"reminder":{"afterDays":10}}}"#,
    )
    .expect("write");
    std::fs::write(&en, r#"{"ladder":{"reminder":{"afterDays":10}}}"#).expect("write");
    let (ok, _, err) = run(&["policy", "--check", nb.to_str().unwrap_or_default()]);
    assert!(!ok);
    assert!(err.contains("policyen avvises: ladder.reminder.afterDays bryter regelen \"reminder_fee_after_14_days\": purregebyr krever"), "{err}");
    let (ok, _, err) = run(&["policy", "--check", en.to_str().unwrap_or_default()]);
    assert!(!ok);
    assert!(err.contains("policy refused: ladder.reminder.afterDays breaks the rule \"reminder_fee_after_14_days\""), "{err}");
}
