import Testing

@testable import ValpropCore

/// Markdown in the report: Ink renders it and the sanitiser keeps only what Markdown makes,
/// because Ink passes raw HTML and link targets through as written.
@Suite struct HTMLSanitizerTests {
  /// Whether the HTML has an element with this name, opened as a tag (not shown as text).
  static func hasElement(_ html: String, _ name: String) -> Bool {
    html.lowercased().contains("<\(name)")
  }

  /// Whether a real tag (a literal `<`, not text shown as `&lt;`) carries an attribute other
  /// than the few the sanitiser writes.
  static func hasForeignAttribute(_ html: String) -> Bool {
    html.split(separator: "<", omittingEmptySubsequences: false).dropFirst().contains { tag in
      let inside = tag.prefix { $0 != ">" }
      return inside.split(separator: " ").dropFirst().contains { attribute in
        !["href", "class", "start", "align"].contains(
          attribute.split(separator: "=").first.map(String.init) ?? "")
      }
    }
  }

  @Test func rawHTMLIsShownAsTextNotRun() {
    let cases = [
      "<script>document.title = 'owned'</script>",
      "Intro\n\n<script>alert(1)</script>\n\nMore",
      "<img src=x onerror=alert(1)>",
      "Text with <img src=x onerror=\"alert(1)\"> inline",
      "</style><script>alert(1)</script>",
      "<iframe src=\"https://example.com\"></iframe>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "<div onclick=\"alert(1)\">hi</div>",
      "<svg onload=alert(1)>",
      "<p onmouseover=\"alert(1)\">x</p>",
    ]
    for markdown in cases {
      let html = MarkdownRenderer.html(markdown)
      for name in ["script", "img", "iframe", "svg", "div", "style", "/style"] {
        #expect(!Self.hasElement(html, name), "\(markdown) → \(html)")
      }
      // No real tag carries the target (shown as text, after `&lt;`, it is harmless).
      let tags = html.lowercased().split(separator: "<").dropFirst().map { $0.prefix { $0 != ">" } }
      #expect(!tags.contains { $0.contains("javascript") }, "\(markdown) → \(html)")
      #expect(!Self.hasForeignAttribute(html), "\(markdown) → \(html)")
    }
    // The text stays readable.
    #expect(MarkdownRenderer.html("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)"))
  }

  /// Text on which Ink, given a `<`, loops and allocates until the process dies; each must
  /// render, with its `<` shown as text, and a `<` in code too.
  @Test func anglesInkCannotReadRenderAsText() {
    let stand = String(Character(MarkdownRenderer.angleBracket))
    let cases = [
      "a \\<pre> b", "\\<pre>", "Text with a \\<p> tag", "# T\n\nIntro\n\n<p", "<p\n\nmore",
      "list:\n\n- \\<pre> item", stand + " and <b>bold</b>",
    ]
    for markdown in cases {
      let html = MarkdownRenderer.html(markdown)
      #expect(html.contains("&lt;"), "\(markdown.debugDescription) → \(html)")
      #expect(!html.contains(stand), "\(markdown.debugDescription) → \(html)")
      #expect(!Self.hasElement(html, "pre"), "\(markdown.debugDescription) → \(html)")
    }
    #expect(MarkdownRenderer.html("`a < b`").contains("<code>a &lt; b</code>"))
    #expect(MarkdownRenderer.html("```\nif a < b {}\n```").contains("if a &lt; b {}"))
    #expect(MarkdownRenderer.html("x \(stand) y").contains("x \u{FFFD} y"))
    // A `<` in a link's target or an image's text leaves the tag as text, not a live link to
    // an address the writer did not write.
    for markdown in ["[x](https://e.com/a<b)", "![a<b](x.png)"] {
      let html = MarkdownRenderer.html(markdown)
      #expect(
        !html.contains("&amp;lt;") && !html.contains("<a href=\"https://e.com/a"), "\(markdown) → \(html)")
      #expect(html.contains("a&lt;b"), "\(markdown) → \(html)")
    }
    // A template's hints are still comments, which the sanitiser drops.
    let hinted = MarkdownRenderer.html("<!-- Who is it for? -->\n\n## Audience\nFinance <b>teams</b>.\n")
    #expect(!hinted.contains("Who is it for"), "\(hinted)")
    #expect(hinted.contains("<h2>Audience</h2>") && hinted.contains("Finance &lt;b&gt;teams"), "\(hinted)")
  }

  /// A comment with no space after `<!--` is a comment like any other: Ink read
  /// `<!--TODO-->` as raw HTML running to the end, and the rest showed unformatted.
  @Test func aCommentWithoutSpacesIsDroppedAndTheRestFormatted() {
    let cases: [(String, String)] = [
      ("<!--TODO-->\ntext **b**\n", "<p>text <strong>b</strong></p>"),
      ("<!---->\ntext **b**\n", "<p>text <strong>b</strong></p>"),
      ("<!--c -->\n\n## H\nmore **b**\n", "<h2>H</h2><p>more <strong>b</strong></p>"),
      ("x <!-- a --> y <!--b--> z **b**\n", "<p>x  y  z <strong>b</strong></p>"),
      ("text <!--c--> **b**\n\n## H\nmore\n", "<p>text  <strong>b</strong></p><h2>H</h2><p>more</p>"),
    ]
    for (markdown, html) in cases {
      #expect(MarkdownRenderer.html(markdown) == html, "\(markdown.debugDescription)")
      // The same as with the space valprop's templates write.
      let spaced = markdown.replacingOccurrences(of: "<!--", with: "<!-- ")
      #expect(MarkdownRenderer.html(spaced) == html, "\(spaced.debugDescription)")
    }
    // An unclosed `<!--` is text, as written: no space appears in it.
    #expect(MarkdownRenderer.html("<!--x\n\ntext\n") == "<p>&lt;!--x</p><p>text</p>")
    // In code it is code, shown as written.
    let code: [(String, String)] = [
      (
        "```html\n<!--x-->\n<p>a</p>\n```\n\ntext **b**\n",
        "<pre><code class=\"language-html\">&lt;!--x--&gt;\n&lt;p&gt;a&lt;/p&gt;\n</code></pre><p>text <strong>b</strong></p>"
      ),
      ("Inline `<!--x-->` code **b**\n", "<p>Inline <code>&lt;!--x--&gt;</code> code <strong>b</strong></p>"),
    ]
    for (markdown, html) in code {
      #expect(MarkdownRenderer.html(markdown) == html, "\(markdown.debugDescription)")
    }
    // Ink reads neither `~~~` fences nor double-backtick spans as code, and a link target
    // is neither code nor comment: the space put after `<!--` is taken out wherever it ends
    // up, so none shows.
    for markdown in [
      "~~~\n<!--x-->\n~~~\n", "Two ``a ` <!--x--> b`` and <!--c--> **b**\n", "[a](https://e.com/<!--x-->)\n",
    ] {
      let html = MarkdownRenderer.html(markdown)
      #expect(!html.contains("!-- x") && !html.contains("-- x"), "\(markdown.debugDescription) → \(html)")
    }
    #expect(MarkdownRenderer.html("Two ``a ` <!--x--> b`` and <!--c--> **b**\n").contains("&lt;!--x--&gt;"))
    // A `>` in a comment no longer ends it (Ink ended it there, and the rest of the comment
    // showed), as in the licence comment opening rust-lang/rfcs' 1990-external-doc-attribute.md.
    let licence =
      "<!---\n-- Licensed under <LICENSE-APACHE or\n-- http://a.example/LICENSE-2.0> or MIT\n-->\n\n- Feature **b**\n"
    #expect(MarkdownRenderer.html(licence) == "<ul><li>Feature <strong>b</strong></li></ul>")
    #expect(
      MarkdownRenderer.html("<!-- a > b -->\n\n> quoted **b**\n")
        == "<blockquote><p>quoted <strong>b</strong></p></blockquote>")
    #expect(
      MarkdownRenderer.html("```\na > b <!--x > y--> c\n```\n")
        == "<pre><code>a &gt; b &lt;!--x &gt; y--&gt; c\n</code></pre>")
    // The noncharacter that marks the space is no text's: one written in the text shows as U+FFFD.
    let mark = String(Character(MarkdownRenderer.commentSpace))
    #expect(MarkdownRenderer.html("a \(mark) b <!--c--> d\n") == "<p>a \u{FFFD} b  d</p>")
  }

  @Test func linkTargetsKeepOnlySafeSchemes() {
    let unsafe = [
      "[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](java\tscript:alert(1))",
      "[x]( javascript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox)",
      "![pic](javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)",
    ]
    for markdown in unsafe {
      let html = MarkdownRenderer.html(markdown)
      #expect(!html.contains("href="), "\(markdown) → \(html)")
      #expect(!Self.hasElement(html, "img"), "\(markdown) → \(html)")
    }
    // A quote in the target cannot open an attribute of its own.
    let quoted = MarkdownRenderer.html("[x](https://a.example/\" onmouseover=\"alert(1))")
    #expect(!Self.hasForeignAttribute(quoted), "\(quoted)")
    #expect(Self.hasForeignAttribute("<a href=\"x\" onclick=\"y\">"), "the check finds a handler")
    let safe = [
      ("[docs](https://example.com/a?b=1&c=2)", "href=\"https://example.com/a?b=1&amp;c=2\""),
      ("[mail](mailto:pm@example.com)", "href=\"mailto:pm@example.com\""),
      ("[other](other-proposition.html#evidence)", "href=\"other-proposition.html#evidence\""),
      ("[time](./a:b)", "href=\"./a:b\""),
    ]
    for (markdown, expected) in safe {
      #expect(
        MarkdownRenderer.html(markdown).contains(expected), "\(markdown) → \(MarkdownRenderer.html(markdown))"
      )
    }
  }

  @Test func imagesBecomeLinksSoNothingLoads() {
    let html = MarkdownRenderer.html("![The chart](https://example.com/chart.png)")
    #expect(!Self.hasElement(html, "img"), "\(html)")
    #expect(html.contains("<a href=\"https://example.com/chart.png\">[image: The chart]</a>"), "\(html)")
  }

  @Test func markdownItselfIsKept() {
    let html = MarkdownRenderer.html(
      """
      ## Key benefits
      - Cuts *reconciliation* from **20 hours** to 2
      - `a < b` in code

      > Quoted

      ```swift
      let x = 1 < 2 && true
      ```
      """, headingShift: 1)
    #expect(html.contains("<h3>Key benefits</h3>"), "\(html)")
    #expect(
      html.contains("<ul><li>Cuts <em>reconciliation</em> from <strong>20 hours</strong> to 2</li>"),
      "\(html)")
    #expect(html.contains("<code>a &lt; b</code>"), "\(html)")
    #expect(html.contains("<blockquote>"), "\(html)")
    #expect(html.contains("<pre><code class=\"language-swift\">let x = 1 &lt; 2 &amp;&amp; true"), "\(html)")
  }

  @Test func commentsAreDroppedAndTagsBalanced() {
    #expect(HTMLSanitizer.sanitize("<p>a<!-- hint: who is it for? -->b</p>") == "<p>ab</p>")
    // An element left open is closed; a closing tag with nothing open is dropped, so the
    // fragment cannot close the page's own elements.
    #expect(HTMLSanitizer.sanitize("<blockquote><p>x") == "<blockquote><p>x</p></blockquote>")
    #expect(HTMLSanitizer.sanitize("</li></ul></main>x") == "&lt;/main&gt;x")
    #expect(HTMLSanitizer.sanitize("<ul><li>a</ul>") == "<ul><li>a</li></ul>")
  }

  @Test func escapesTheFiveCharacters() {
    #expect(
      HTMLText.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
  }
}
