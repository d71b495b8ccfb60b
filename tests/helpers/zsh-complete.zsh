#!/usr/bin/env zsh
# Usage: zsh -f tests/helpers/zsh-complete.zsh SCRIPT 'tariff calc --format ' [fpath]
# (with "fpath", SCRIPT is a file named _tariff, autoloaded from its folder instead of sourced)
# Prints, one a line, the matches zsh's completion offers for the line, as a Tab at its end
# would: an interactive zsh in a pseudo-terminal (zpty), with compinit and SCRIPT sourced, and
# compadd printing the matches it adds. The technique of Valodim/zsh-capture-completion.
zmodload zsh/zpty || { print -u2 "no zsh/zpty module"; exit 3 }
script=$1 line=$2 how=${3:-source}
zpty tz zsh -f -i
if [[ $how == fpath ]]; then
  load=("fpath=(${(q)script:h} \$fpath)" "autoload -Uz compinit && compinit -u -D")
else
  load=("autoload -Uz compinit && compinit -u -D" "source ${(q)script}")
fi
setup=(
  "PROMPT=''"
  "unsetopt zle_bracketed_paste"
  $load
  "zstyle ':completion:*' list-grouped false"
  "zstyle ':completion:*' insert-tab false"
  "bindkey '^I' complete-word"
  # compadd calls asking for matches (-O, -A, -D) are the completion system's own: passed on.
  'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) && print -rl -- "${__hits[@]}"; builtin compadd "$@" }'
  'tz_begin() { print -r -- "<<matches>>" }'
  'tz_end() { print -r -- "<<end>>"; exit }'
  'compprefuncs=(tz_begin); comppostfuncs=(tz_end)'
  'print -r -- "<<ready>>"'
)
for s in $setup; do zpty -w tz "$s"; done
out=''
# Waits for the shell to be set up, then sends the line and a Tab.
while zpty -r tz out; do [[ $out == *'<<ready>>'* && $out != *print* ]] && break; done
zpty -w -n tz "$line"$'\t'
on=0
while zpty -r tz out; do
  out=${out//$'\r'/}
  out=${out%$'\n'}
  if [[ $out == *'<<end>>'* ]]; then break; fi
  if (( on )); then print -r -- "$out"; fi
  [[ $out == *'<<matches>>'* ]] && on=1
done
zpty -d tz
