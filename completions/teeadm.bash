#!/bin/bash

__teeadm_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__teeadm_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__teeadm_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__teeadm_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_teeadm() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|join|reset|token|status|node|config|mesh|cert|certs|backup|version|help)
        # Offer subcommand argument completions
        "_teeadm_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init join reset token status node config mesh cert certs backup version help' -- "${cur}"))
        ;;
    esac
}

_teeadm_init() {
    repeating_flags=()
    non_repeating_flags=(--force --no-systemd --version -h --help)
    repeating_options=()
    non_repeating_options=(--advertise-address --cluster-name --name --config-dir --state-dir --defaults-file --etcd-client-port --etcd-peer-port --api-port --distribution-port)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--advertise-address')
        return
        ;;
    '--cluster-name')
        return
        ;;
    '--name')
        return
        ;;
    '--config-dir')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--defaults-file')
        return
        ;;
    '--etcd-client-port')
        return
        ;;
    '--etcd-peer-port')
        return
        ;;
    '--api-port')
        return
        ;;
    '--distribution-port')
        return
        ;;
    esac
}

_teeadm_join() {
    repeating_flags=()
    non_repeating_flags=(--no-systemd --version -h --help)
    repeating_options=(--entry-point)
    non_repeating_options=(--token --ca-cert-hash --role --name --config-dir --state-dir --advertise-address --defaults-file --etcd-client-port --etcd-peer-port --api-port --distribution-port)
    __teeadm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--token')
        return
        ;;
    '--ca-cert-hash')
        return
        ;;
    '--role')
        return
        ;;
    '--name')
        return
        ;;
    '--config-dir')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--entry-point')
        return
        ;;
    '--advertise-address')
        return
        ;;
    '--defaults-file')
        return
        ;;
    '--etcd-client-port')
        return
        ;;
    '--etcd-peer-port')
        return
        ;;
    '--api-port')
        return
        ;;
    '--distribution-port')
        return
        ;;
    esac
}

_teeadm_reset() {
    repeating_flags=()
    non_repeating_flags=(--no-systemd --version -h --help)
    repeating_options=()
    non_repeating_options=(--config-dir --state-dir --defaults-file --name --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config-dir')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--defaults-file')
        return
        ;;
    '--name')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_token() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|delete)
        # Offer subcommand argument completions
        "_teeadm_token_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list delete' -- "${cur}"))
        ;;
    esac
}

_teeadm_token_create() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--role --ttl --description --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--role')
        return
        ;;
    '--ttl')
        return
        ;;
    '--description')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_token_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_token_delete() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--controller)
    __teeadm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--controller')
        return
        ;;
    esac
}

_teeadm_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_node() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|remove)
        # Offer subcommand argument completions
        "_teeadm_node_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list remove' -- "${cur}"))
        ;;
    esac
}

_teeadm_node_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_node_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--controller)
    __teeadm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--controller')
        return
        ;;
    esac
}

_teeadm_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    apply|get|diff)
        # Offer subcommand argument completions
        "_teeadm_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'apply get diff' -- "${cur}"))
        ;;
    esac
}

_teeadm_config_apply() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--file -f --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--file'|'-f')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_config_get() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--name --output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_config_diff() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--file -f --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--file'|'-f')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_mesh() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    apply|get)
        # Offer subcommand argument completions
        "_teeadm_mesh_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'apply get' -- "${cur}"))
        ;;
    esac
}

_teeadm_mesh_apply() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--file -f --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--file'|'-f')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_mesh_get() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--controller')
        return
        ;;
    esac
}

_teeadm_cert() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    import|list|remove|acme)
        # Offer subcommand argument completions
        "_teeadm_cert_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'import list remove acme' -- "${cur}"))
        ;;
    esac
}

_teeadm_cert_import() {
    repeating_flags=()
    non_repeating_flags=(--default --version -h --help)
    repeating_options=()
    non_repeating_options=(--cert --key --name --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--cert')
        return
        ;;
    '--key')
        return
        ;;
    '--name')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_cert_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_cert_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--controller)
    __teeadm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--controller')
        return
        ;;
    esac
}

_teeadm_cert_acme() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--storage --output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--storage')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_certs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check-expiration|renew)
        # Offer subcommand argument completions
        "_teeadm_certs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check-expiration renew' -- "${cur}"))
        ;;
    esac
}

_teeadm_certs_check-expiration() {
    repeating_flags=()
    non_repeating_flags=(--stored --version -h --help)
    repeating_options=()
    non_repeating_options=(--config-dir --warn-within --output -o --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config-dir')
        return
        ;;
    '--warn-within')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_certs_renew() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config-dir --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config-dir')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_backup() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|inspect|restore)
        # Offer subcommand argument completions
        "_teeadm_backup_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create inspect restore' -- "${cur}"))
        ;;
    esac
}

_teeadm_backup_create() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --passphrase-file --config-dir --controller)
    __teeadm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--passphrase-file')
        return
        ;;
    '--config-dir')
        return
        ;;
    '--controller')
        return
        ;;
    esac
}

_teeadm_backup_inspect() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--passphrase-file --output -o)
    __teeadm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--passphrase-file')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    esac
}

_teeadm_backup_restore() {
    repeating_flags=()
    non_repeating_flags=(--force --no-systemd --version -h --help)
    repeating_options=()
    non_repeating_options=(--passphrase-file --name --advertise-address --config-dir --state-dir --defaults-file --etcd-client-port --etcd-peer-port --api-port --distribution-port)
    __teeadm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--passphrase-file')
        return
        ;;
    '--name')
        return
        ;;
    '--advertise-address')
        return
        ;;
    '--config-dir')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--defaults-file')
        return
        ;;
    '--etcd-client-port')
        return
        ;;
    '--etcd-peer-port')
        return
        ;;
    '--api-port')
        return
        ;;
    '--distribution-port')
        return
        ;;
    esac
}

_teeadm_version() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options 0
}

_teeadm_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __teeadm_offer_flags_options -1
}

complete -o filenames -F _teeadm teeadm
