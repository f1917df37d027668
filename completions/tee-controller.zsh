#compdef tee-controller

__tee-controller_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tee-controller_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tee-controller_complete "${completions[@]:0:-1}"
    fi
}

__tee-controller_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tee-controller() {
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
        '--log-level[Log level\: trace, debug, info, notice, warning, error or critical (default\: info).]:log-level:{__tee-controller_complete "${___log_level[@]}"}'
        '--log-format[Log format\: console, json or journal (default\: journal when stderr is the journal, else console).]:log-format:{__tee-controller_complete "${___log_format[@]}"}'
        '--grace-timeout[Seconds to let in-flight work finish on SIGTERM before connections are closed (default\: 10).]:grace-timeout:'
        '--name[This controller'\''s node name (default\: the host name).]:name:'
        '--etcd[The local etcd member'\''s client URL.]:etcd:'
        '--ca-file[The cluster CA certificate (PEM) that etcd'\''s and the nodes'\'' certificates chain to.]:ca-file:'
        '--cert-file[This controller'\''s certificate (PEM), for etcd and for the snapshot stream.]:cert-file:'
        '--key-file[This controller'\''s private key (PEM).]:key-file:'
        '--api-socket[The API'\''s unix socket.]:api-socket:'
        '--api-address[The API'\''s TCP address (HOST\:PORT), also the dashboard'\''s; empty for none. HTTPS with --cert-file, else plain HTTP for loopback clients only.]:api-address:'
        '--distribution-address[Where proxies connect for their snapshot stream (HOST\:PORT).]:distribution-address:'
        '--dynamic-directory[The file provider'\''s directory, in Traefik'\''s dynamic format; empty for none.]:dynamic-directory:'
        '--leader-lease-ttl[Seconds a failed leader keeps the role before another takes over (at least 2).]:leader-lease-ttl:'
        '--data-key-file[The cluster'\''s data key (32 bytes, base64), which seals stored private keys; empty for none.]:data-key-file:'
        '--ca-key-file[The cluster CA'\''s private key, to sign the certificates of joining nodes; empty for none.]:ca-key-file:'
        '--static-config[A static file in Traefik'\''s format whose certificatesResolvers the leader obtains certificates with, whose providers (docker, redis, etcd, zooKeeper, http) the leader watches, and whose log.otlp also sends this controller'\''s log to an OTLP collector; used when it exists, empty for none.]:static-config:'
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
            "_tee-controller_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tee-controller_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tee-controller ]]; then
    _tee-controller "${@}"
else
    compdef _tee-controller tee-controller
fi
