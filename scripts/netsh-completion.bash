# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for netsh's command line: its options, lab names for -L,
# files for -f, lab files (*.lab here and the installed ones), and the
# KEY=VALUE parameters a lab reads (params.KEY in its source). Commands at
# netsh's own prompt complete there (Tab in the interactive shell).
_netsh()
{
	local cur prev labdir lab w i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	labdir=%LABDIR%

	case $prev in
	-L)
		COMPREPLY=($(compgen -W "$(ls "${NETSH_STATE_DIR:-/run/netsh}" 2>/dev/null)" -- "$cur"))
		return ;;
	-f)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-c)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-c -f -e -j -L -n -q -x -i --sandbox --private -h --help -V --version' -- "$cur"))
		return
	fi
	# After a lab file: its parameters, as KEY=.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		[[ $w == *.lab ]] || continue
		lab=$w
		[[ -f $lab ]] || lab=$labdir/$(basename "$w")
		if [[ -f $lab ]]; then
			COMPREPLY=($(compgen -W "$(grep -o 'params\.[A-Za-z_][A-Za-z0-9_]*' "$lab" |
				sed 's/^params\.\(.*\)/\1=/' | sort -u)" -- "$cur"))
			compopt -o nospace 2>/dev/null
		fi
		return
	done
	COMPREPLY=($(compgen -f -X '!*.lab' -- "$cur") $(compgen -d -- "$cur")
		   $(cd "$labdir" 2>/dev/null && compgen -f -X '!*.lab' -- "$cur"))
}
complete -F _netsh netsh
