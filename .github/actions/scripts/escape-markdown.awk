# Makes the Markdown of `valprop diff --format markdown` safe to embed in a comment: drops its
# marker and top heading, keeps its per-proposition headings (### `id` — change), and escapes
# everything in the propositions' own text that Markdown would read as a heading (# lines,
# setext underlines) or as the start of a code block (``` and ~~~ fences).
NR == 1 && /^<!-- valprop-diff/ { next }
!top && $0 == "## Value proposition changes" { top = 1; next }
/^### `[a-z0-9][a-z0-9-]*` — / { print; next }
/^(   |  | )?#/ { sub(/#/, "\\#"); print; next }
/^(   |  | )?(=+|-+)[ \t]*$/ { match($0, /[=-]/); print substr($0, 1, RSTART - 1) "\\" substr($0, RSTART); next }
/^(   |  | )?(```|~~~)/ { match($0, /[`~]/); print substr($0, 1, RSTART - 1) "\\" substr($0, RSTART); next }
{ print }
