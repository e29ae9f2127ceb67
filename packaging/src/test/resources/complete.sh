#!/bin/bash
# complete.sh SCRIPT LINE: sources a bash completion script and prints what it offers for the
# last word of LINE, as bash would when Tab is pressed at the end of LINE.
source "$1" 2>/dev/null
COMP_LINE=$2
COMP_POINT=${#COMP_LINE}
read -r -a COMP_WORDS <<< "$COMP_LINE"
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
function=$(complete -p "${COMP_WORDS[0]}" | sed 's/.* -F \([^ ]*\) .*/\1/')
"$function" 2>/dev/null
echo "${COMPREPLY[*]}"
