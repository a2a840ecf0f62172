//! Snapshots of every Markdown feature as the generator renders it (SPEC §3, §4).
//! A changed snapshot is a changed page for every user: review it, then accept it with
//! `INSTA_UPDATE=always cargo test --test markdown`.

use studysite::config::Config;
use studysite::testing::render_snippet;

use studysite::testing::snippet_html as html;

#[test]
fn alerts_all_five_and_unknown() {
    insta::assert_snapshot!(html(
        "> [!NOTE]\n> n\n\n> [!TIP]\n> t\n\n> [!IMPORTANT]\n> i\n\n> [!WARNING]\n> w\n\n> [!CAUTION]\n> c\n\n> [!QUESTION]\n> q\n\n- item\n\n  > [!TIP]\n  > nested in a list\n"
    ));
}

#[test]
fn tables_scroll_and_marks() {
    insta::assert_snapshot!(html(
        "## Volumes\n\n<!-- cheatsheet -->\n| Type | Boot? |\n|:---|:---:|\n| gp3 | ✅ |\n| st1 | ❌ No |\n"
    ));
}

#[test]
fn headings_ids_dedup_custom_and_toc() {
    let md = "## Intro\n\n## Intro\n\n### Deep `code`\n\n## Custom {#my-id}\n";
    let parsed = render_snippet(md, &Config::default());
    let toc: Vec<String> = parsed
        .toc
        .iter()
        .map(|t| format!("{} {} {}", t.level, t.id, t.text))
        .collect();
    insta::assert_snapshot!(format!("{}\n---\n{}", parsed.html, toc.join("\n")));
}

#[test]
fn footnotes_tasks_strikethrough_autolinks() {
    insta::assert_snapshot!(html(
        "Text[^a] and more[^b].\n\n- [ ] todo\n- [x] done\n\n~~gone~~ <https://example.com>\n\n[^a]: First.\n[^b]: Second.\n"
    ));
}

#[test]
fn code_highlighted_plain_and_unknown() {
    insta::assert_snapshot!(html(
        "```yaml\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n```\n\n```text\nA → B\n```\n\n```klingon\n<b>x</b>\n```\n"
    ));
}

#[test]
fn links_rewritten_and_unsafe_urls_neutralised() {
    insta::assert_snapshot!(html(
        "[other](other.md#part) [self](#top) [web](https://example.com) [bad](javascript:alert(1)) [missing](nope.md) ![img](data:image/svg+xml,<svg/onload=alert(1)>)\n"
    ));
}

#[test]
fn raw_html_is_sanitised() {
    insta::assert_snapshot!(html(
        "<div class=\"box\" onclick=\"alert(1)\">x</div>\n\n<script>alert(1)</script>\n\nInline <img src=\"a.png\" onerror=\"alert(1)\"> and <kbd>Ctrl</kbd>.\n"
    ));
}

#[test]
fn questions_every_form() {
    insta::assert_snapshot!(html(concat!(
        "## Messaging\n\n",
        "### What's the difference between SQS and SNS?\n<!-- id: sqs-vs-sns; tags: messaging -->\n\n",
        "✅ **SQS**: queue, pull-based.\n\n✅ **SNS**: pub/sub, push-based.\n\n",
        "What is fan-out?\n✅ One SNS topic pushes to several SQS queues.\n\n",
        "#### Which load balancer gives a static IP per AZ?\n<!-- id: nlb-static-ip; tags: elb -->\n\n",
        "- [ ] Application Load Balancer\n- [x] Network Load Balancer\n  > One static IP (or Elastic IP) per AZ.\n- [ ] Gateway Load Balancer\n\n",
        "ALB only gives a DNS name.\n\n",
        "#### Which are key/value stores? (Choose 2)\n\n",
        "1. [x] ElastiCache\n2. [ ] SNS\n3. [x] DynamoDB\n4. [ ] None of the above\n\n",
        "#### What does this return?\n\n```yaml\nArn: !GetAtt B.Arn\n```\n\n✅ The ARN.\n",
    )));
}

#[test]
fn emoji_shortcodes_in_prose_headings_and_tables_not_in_code() {
    insta::assert_snapshot!(html(
        "## :rocket: Deploy\n\nStatus :white_check_mark:, times 10:30:45, `:x:` in code, [back](#rocket-deploy).\n\n```\n:smile:\n```\n\n| ok | :x: |\n|--|--|\n| a | b |\n"
    ));
}

/// Obsidian plugin queries (Dataview, search, Tasks) are shown as written, unhighlighted,
/// with a warning that says what they are rather than "unknown language".
#[test]
fn obsidian_plugin_queries_are_shown_and_named() {
    insta::assert_snapshot!(html(
        "```dataview\nTABLE file.mtime FROM #aws\n```\n\n```query\ntag:#lambda\n```\n\n```tasks\nnot done\n```\n"
    ));
}
