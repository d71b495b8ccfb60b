/**
 * The bash completion script, made from the completion model (model.ts).
 * Works in bash 3.2 (macOS) and later: no associative arrays, no mapfile;
 * `compopt` (bash 4) only where it exists.
 */
import { allCommands, type CommandSpec, type Values } from "./model.js";

/** A word as a single-quoted bash string. */
function q(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `case` pattern for a command path and, optionally, an option or operand. */
function key(path: readonly string[], tail?: string): string {
  return q(tail === undefined ? path.join(" ") : `${path.join(" ")}:${tail}`);
}

/** The statements that add a value's completions for the word in $3. */
function addValues(values: Values): string {
  const parts: string[] = [];
  if (values.words.length > 0) parts.push(`_tariff_add "$3" ${values.words.map(q).join(" ")}`);
  if (values.files) parts.push(`_tariff_files "$3"`);
  return parts.join("; ") || ":";
}

function caseBlock(lines: string[], fallback: string): string {
  return `  case $1 in\n${lines.join("\n")}\n    *) ${fallback} ;;\n  esac`;
}

export function bashScript(root: CommandSpec, made: string): string {
  const commands = allCommands(root);
  const subcommands = commands.filter((c) => c.commands.length > 0).map((c) => `    ${key(c.path)}) REPLY=${q(c.commands.map((s) => s.name).join(" "))} ;;`);
  const options = commands.map((c) => `    ${key(c.path)}) REPLY=${q(c.options.flatMap((o) => o.flags).join(" "))} ;;`);
  const takesValue = commands.flatMap((c) => c.options.filter((o) => o.placeholder !== undefined).map((o) => o.flags.map((f) => key(c.path, f)).join("|")));
  const optionValues = commands.flatMap((c) => c.options.filter((o) => o.placeholder !== undefined && o.values).map((o) => `    ${o.flags.map((f) => key(c.path, f)).join("|")}) ${addValues(o.values!)} ;;`));
  const operands = commands.flatMap((c) =>
    c.args.map((a, i) => {
      // A variadic operand (the last) takes every position from its own on.
      const positions = a.variadic ? `${key(c.path, "")}*` : key(c.path, String(i + 1));
      return `    ${positions}) ${a.values ? addValues(a.values) : ":"} ;;`;
    }),
  );
  return `# bash completion for tariff: commands, options and their values. ${made}
# Install (README, "Shell completion"): save it where bash-completion looks,
#   tariff completion bash > ~/.local/share/bash-completion/completions/tariff
# or load it from ~/.bashrc:  source <(tariff completion bash)

# The subcommands of a command path ("" is tariff itself), into REPLY.
_tariff_commands() {
${caseBlock(subcommands, `REPLY=''`)}
}

# The options of a command path, into REPLY.
_tariff_options() {
${caseBlock(options, `REPLY=''`)}
}

# Succeeds when option $2 of command path $1 takes a value (the next word, or after "=").
_tariff_takes_value() {
  case $1:$2 in
    ${takesValue.length > 0 ? takesValue.join("|\\\n    ") : "''"}) return 0 ;;
  esac
  return 1
}

# Adds the words from $2 on that begin with $1, quoted for the shell (";" as \\;).
_tariff_add() {
  local cur=$1 w quoted
  shift
  for w in "$@"; do
    [[ $w == "$cur"* ]] || continue
    printf -v quoted '%q' "$w"
    COMPREPLY+=("$_tariff_prefix$quoted")
  done
}

# Adds the names of the files and folders that begin with $1.
_tariff_files() {
  local f
  type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
  while IFS= read -r f; do
    COMPREPLY+=("$_tariff_prefix$f")
  done < <(compgen -f -- "$1")
}

# The values of option $2 of command path $1 that begin with $3.
_tariff_option_value() {
  case $1:$2 in
${optionValues.join("\n")}
  esac
}

# Operand $2 (from 1) of command path $1: the values that begin with $3.
_tariff_operand() {
  case $1:$2 in
${operands.join("\n")}
  esac
}

_tariff() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev='' path='' w opt='' REPLY
  local -i i=1 n=0 ended=0
  local -a words
  _tariff_prefix=''
  COMPREPLY=()
  (( COMP_CWORD > 0 )) && prev=\${COMP_WORDS[COMP_CWORD-1]}
  # The command path and how many operands come before the word being completed.
  while (( i < COMP_CWORD )); do
    w=\${COMP_WORDS[i]}
    if [[ $w == "=" ]]; then
      i=i+2   # bash splits a word at "=" (COMP_WORDBREAKS): "a=b" is one word, and one operand
      continue
    fi
    if (( ended )) || [[ $w == - || $w != -* ]]; then
      if (( !ended && n == 0 )); then
        _tariff_commands "$path"
        if [[ " $REPLY " == *" $w "* ]]; then
          path=\${path:+$path }$w
          i=i+1
          continue
        fi
      fi
      n=n+1
    elif [[ $w == -- ]]; then
      ended=1
    elif [[ \${COMP_WORDS[i+1]} == "=" ]]; then
      i=i+2   # --option=value, which bash splits at "=" (COMP_WORDBREAKS)
    elif [[ $w != *=* ]] && _tariff_takes_value "$path" "$w"; then
      i=i+1
    fi
    i=i+1
  done
  # The value of an option: after "--option ", "--option=" or "--option=va".
  if (( !ended )); then
    if [[ $cur == "=" && $prev == -* ]] && _tariff_takes_value "$path" "$prev"; then
      opt=$prev cur=''
    elif [[ $prev == "=" ]] && (( COMP_CWORD > 1 )) && _tariff_takes_value "$path" "\${COMP_WORDS[COMP_CWORD-2]}"; then
      opt=\${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]] && _tariff_takes_value "$path" "\${cur%%=*}"; then
      opt=\${cur%%=*} _tariff_prefix=\${cur%%=*}= cur=\${cur#*=}
    elif [[ $prev == -?* ]] && _tariff_takes_value "$path" "$prev"; then
      opt=$prev
    fi
  fi
  if [[ -n $opt ]]; then
    _tariff_option_value "$path" "$opt" "$cur"
  elif (( !ended )) && [[ $cur == -* ]]; then
    _tariff_options "$path"
    read -r -a words <<< "$REPLY"
    _tariff_add "$cur" "\${words[@]}"
  else
    _tariff_commands "$path"
    if [[ -n $REPLY ]] && (( !ended )); then
      read -r -a words <<< "$REPLY"
      _tariff_add "$cur" "\${words[@]}"
    else
      _tariff_operand "$path" "$((n + 1))" "$cur"
    fi
  fi
  return 0
}

complete -F _tariff tariff
`;
}
