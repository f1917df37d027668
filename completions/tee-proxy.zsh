#compdef tee-proxy

__tee-proxy_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tee-proxy_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tee-proxy_complete "${completions[@]:0:-1}"
    fi
}

__tee-proxy_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tee-proxy() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar ___log_format=('console' 'json' 'journal')
    local -ar arg_specs=(
        '(--config -c)'{--config,-c}'[The static configuration file.]:config:'
        '--check[Validate the configuration, print every problem with file, key and line (and a warning for each Traefik key tee ignores), and exit.]'
        '--log-level[Log level\: trace, debug, info, notice, warning, error or critical (default\: info).]:log-level:{__tee-proxy_complete "${___log_level[@]}"}'
        '--log-format[Log format\: console, json or journal (default\: journal when stderr is the journal, else console).]:log-format:{__tee-proxy_complete "${___log_format[@]}"}'
        '--grace-timeout[Seconds to let in-flight work finish on SIGTERM before connections are closed (default\: 10).]:grace-timeout:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        help)
            "_tee-proxy_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tee-proxy_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tee-proxy ]]; then
    _tee-proxy "${@}"
else
    compdef _tee-proxy tee-proxy
fi
