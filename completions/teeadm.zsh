#compdef teeadm

__teeadm_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__teeadm_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __teeadm_complete "${completions[@]:0:-1}"
    fi
}

__teeadm_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_teeadm() {
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
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Make this node the first controller of a new cluster.'
            'join:Join this node to a cluster as a controller, proxy or mesh agent.'
            'reset:Leave the cluster and wipe this node'\''s tee state.'
            'token:Create, list and delete join tokens and dashboard tokens.'
            'status:Show the cluster'\''s health: controllers, leader, quorum, proxies and their configuration versions.'
            'node:List and remove the cluster'\''s nodes.'
            'config:Apply and read the cluster'\''s dynamic configuration (Traefik'\''s format).'
            'mesh:Apply and read the service mesh'\''s services and policy.'
            'cert:Import, list and remove the TLS certificates every proxy serves.'
            'certs:Check and renew this node'\''s certificates.'
            'backup:Back the cluster up (etcd snapshot, PKI, data key) and restore it.'
            'version:Print the version of teeadm.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|join|reset|token|status|node|config|mesh|cert|certs|backup|version|help)
            "_teeadm_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_init() {
    local -i ret=1
    local -ar arg_specs=(
        '--advertise-address[The address other nodes reach this one on.]:advertise-address:'
        '--cluster-name[The cluster'\''s name (in certificates).]:cluster-name:'
        '--name[This node'\''s name (default\: the host name).]:name:'
        '--config-dir[Where configuration and certificates go.]:config-dir:'
        '--state-dir[Where state (etcd'\''s data) goes.]:state-dir:'
        '--defaults-file[The file tee-controller.service reads its options from.]:defaults-file:'
        '--etcd-client-port[etcd'\''s client port (on loopback).]:etcd-client-port:'
        '--etcd-peer-port[etcd'\''s peer port.]:etcd-peer-port:'
        '--api-port[The API'\''s port.]:api-port:'
        '--distribution-port[The snapshot stream'\''s port.]:distribution-port:'
        '--force[Overwrite an earlier setup.]'
        '--no-systemd[Start nothing; print the commands to run instead (containers and tests without systemd).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_join() {
    local -i ret=1
    local -ar arg_specs=(
        ':controller:'
        '--token[A join token for the role (teeadm token create --role ROLE).]:token:'
        '--ca-cert-hash[The cluster CA'\''s hash, sha256\:HEX (teeadm init prints it).]:ca-cert-hash:'
        '--role[controller, proxy or mesh.]:role:'
        '--name[This node'\''s name (default\: the host name).]:name:'
        '--config-dir[Where configuration and certificates go.]:config-dir:'
        '--state-dir[Where state goes.]:state-dir:'
        '*--entry-point[An entry point for a new proxy configuration, NAME=ADDRESS (repeatable; default web=\:80 and websecure=\:443).]:entry-point:'
        '--advertise-address[For a controller or mesh agent\: the address other nodes reach it on (a mesh agent defaults to this host'\''s address toward the controller).]:advertise-address:'
        '--defaults-file[For a controller\: the file tee-controller.service reads its options from.]:defaults-file:'
        '--etcd-client-port[For a controller\: etcd'\''s client port (on loopback).]:etcd-client-port:'
        '--etcd-peer-port[For a controller\: etcd'\''s peer port.]:etcd-peer-port:'
        '--api-port[For a controller\: the API'\''s port.]:api-port:'
        '--distribution-port[For a controller\: the snapshot stream'\''s port.]:distribution-port:'
        '--no-systemd[Start nothing; print the commands to run instead.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_reset() {
    local -i ret=1
    local -ar arg_specs=(
        '--config-dir[Where configuration and certificates are.]:config-dir:'
        '--state-dir[Where state is.]:state-dir:'
        '--defaults-file[The controller options file written by init or join.]:defaults-file:'
        '--name[This node'\''s name, when it is a controller (default\: the host name).]:name:'
        '--no-systemd[Stop nothing through systemd.]'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_token() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Create a token for one role; prints it once.'
            'list:List join tokens (never their secrets).'
            'delete:Delete a join token.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|delete)
            "_teeadm_token_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_token_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--role[controller, proxy or mesh (a join token), or dashboard (signs in to the web dashboard and reads the API).]:role:'
        '--ttl[How long it stays valid (Go duration\: 30m, 24h, 168h).]:ttl:'
        '--description[A note shown by token list.]:description:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_token_list() {
    local -i ret=1
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_token_delete() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_status() {
    local -i ret=1
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_node() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List controllers, proxies and mesh agents.'
            'remove:Remove a node from the cluster.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|remove)
            "_teeadm_node_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_node_list() {
    local -i ret=1
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_node_remove() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_config() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'apply:Apply a dynamic configuration file to the whole cluster.'
            'get:Print a configuration document applied through the API.'
            'diff:Show what applying a file would change (+ added, - removed, ~ changed); exit 1 when something would.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        apply|get|diff)
            "_teeadm_config_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_config_apply() {
    local -i ret=1
    local -ar arg_specs=(
        '(--file -f)'{--file,-f}'[The file (YAML, JSON or TOML), or a directory\: one document per file, named after it.]:file:'
        '--dry-run[Show what would change without applying it.]'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_config_get() {
    local -i ret=1
    local -ar arg_specs=(
        '--name[The document (main for a file; the file'\''s name for one applied from a directory).]:name:'
        '(--output -o)'{--output,-o}'[as-applied (default), yaml or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_config_diff() {
    local -i ret=1
    local -ar arg_specs=(
        '(--file -f)'{--file,-f}'[The file (YAML, JSON or TOML).]:file:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_mesh() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'apply:Check a mesh document and apply it to the whole cluster.'
            'get:Print the mesh document as applied.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        apply|get)
            "_teeadm_mesh_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_mesh_apply() {
    local -i ret=1
    local -ar arg_specs=(
        '(--file -f)'{--file,-f}'[The mesh document (YAML, JSON or TOML).]:file:'
        '--dry-run[Check the document without applying it.]'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_mesh_get() {
    local -i ret=1
    local -ar arg_specs=(
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_cert() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Store a certificate and its key in the cluster.'
            'list:List stored certificates: names, expiry, the routers that use them, issuer.'
            'remove:Remove a stored certificate.'
            'acme:List the certificates obtained by ACME: resolver, names, expiry, and why an order failed.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import|list|remove|acme)
            "_teeadm_cert_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_cert_import() {
    local -i ret=1
    local -ar arg_specs=(
        '--cert[The certificate chain (PEM), leaf first.]:cert:'
        '--key[The private key (PEM).]:key:'
        '--name[The name to store it under (default\: the certificate file'\''s name).]:name:'
        '--default[Serve it when no other certificate matches the server name.]'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_cert_list() {
    local -i ret=1
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_cert_remove() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_cert_acme() {
    local -i ret=1
    local -ar arg_specs=(
        '--storage[Read this acme.json instead of asking a controller.]:storage:'
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_certs() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check-expiration:List this node'\''s certificates (and, on a controller, the stored ones) with their expiry; exit 1 if one expires soon.'
            'renew:Renew this node'\''s certificate (a new key, one more year), without downtime.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check-expiration|renew)
            "_teeadm_certs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_certs_check-expiration() {
    local -i ret=1
    local -ar arg_specs=(
        '--config-dir[Where the node'\''s certificates are.]:config-dir:'
        '--warn-within[Days of notice\: exit 1 when a certificate expires within them.]:warn-within:'
        '--stored[Also list the certificates stored in the cluster (needs a controller'\''s API).]'
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_certs_renew() {
    local -i ret=1
    local -ar arg_specs=(
        '--config-dir[Where the node'\''s certificates are.]:config-dir:'
        '--controller[A controller'\''s API address (HOST\:PORT), for a node without the CA key.]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_backup() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Write a backup: the etcd snapshot, the PKI and the data key (run it on a controller).'
            'inspect:Show what a backup holds.'
            'restore:Recreate a one-controller cluster from a backup on a fresh node.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|inspect|restore)
            "_teeadm_backup_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_teeadm_backup_create() {
    local -i ret=1
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[The backup file to write.]:output:'
        '--passphrase-file[A file holding the passphrase that encrypts the backup.]:passphrase-file:'
        '--config-dir[Where this controller'\''s certificates are.]:config-dir:'
        '--controller[The controller'\''s API\: unix\:PATH or http\://HOST\:PORT (default\: this node'\''s socket, else http\://127.0.0.1\:7440).]:controller:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_backup_inspect() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--passphrase-file[The passphrase file, to check it opens the backup and list its contents.]:passphrase-file:'
        '(--output -o)'{--output,-o}'[table (default) or json.]:output:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_backup_restore() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--passphrase-file[The passphrase file, for an encrypted backup.]:passphrase-file:'
        '--name[This node'\''s name (default\: the host name).]:name:'
        '--advertise-address[The address other nodes reach this one on.]:advertise-address:'
        '--config-dir[Where configuration and certificates go.]:config-dir:'
        '--state-dir[Where state (etcd'\''s data) goes.]:state-dir:'
        '--defaults-file[The file tee-controller.service reads its options from.]:defaults-file:'
        '--etcd-client-port[etcd'\''s client port (on loopback).]:etcd-client-port:'
        '--etcd-peer-port[etcd'\''s peer port.]:etcd-peer-port:'
        '--api-port[The API'\''s port.]:api-port:'
        '--distribution-port[The snapshot stream'\''s port.]:distribution-port:'
        '--force[Overwrite existing etcd data.]'
        '--no-systemd[Start nothing; print the commands to run instead.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_version() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_teeadm_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _teeadm ]]; then
    _teeadm "${@}"
else
    compdef _teeadm teeadm
fi
