function __teeadm_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __teeadm_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __teeadm_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __teeadm_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __teeadm_parse_tokens -S
    set -l unparsed_tokens (__teeadm_tokens -pc)
    switch $unparsed_tokens[1]
    case 'teeadm'
        __teeadm_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __teeadm_parse_subcommand 0 'advertise-address=' 'cluster-name=' 'name=' 'config-dir=' 'state-dir=' 'defaults-file=' 'etcd-client-port=' 'etcd-peer-port=' 'api-port=' 'distribution-port=' 'force' 'no-systemd' 'version' 'h/help'
        case 'join'
            __teeadm_parse_subcommand 1 'token=' 'ca-cert-hash=' 'role=' 'name=' 'config-dir=' 'state-dir=' 'entry-point=+' 'advertise-address=' 'defaults-file=' 'etcd-client-port=' 'etcd-peer-port=' 'api-port=' 'distribution-port=' 'no-systemd' 'version' 'h/help'
        case 'reset'
            __teeadm_parse_subcommand 0 'config-dir=' 'state-dir=' 'defaults-file=' 'name=' 'no-systemd' 'controller=' 'version' 'h/help'
        case 'token'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __teeadm_parse_subcommand 0 'role=' 'ttl=' 'description=' 'controller=' 'version' 'h/help'
            case 'list'
                __teeadm_parse_subcommand 0 'o/output=' 'controller=' 'version' 'h/help'
            case 'delete'
                __teeadm_parse_subcommand 1 'controller=' 'version' 'h/help'
            end
        case 'status'
            __teeadm_parse_subcommand 0 'o/output=' 'controller=' 'version' 'h/help'
        case 'node'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __teeadm_parse_subcommand 0 'o/output=' 'controller=' 'version' 'h/help'
            case 'remove'
                __teeadm_parse_subcommand 1 'controller=' 'version' 'h/help'
            end
        case 'config'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'apply'
                __teeadm_parse_subcommand 0 'f/file=' 'dry-run' 'controller=' 'version' 'h/help'
            case 'get'
                __teeadm_parse_subcommand 0 'name=' 'o/output=' 'controller=' 'version' 'h/help'
            case 'diff'
                __teeadm_parse_subcommand 0 'f/file=' 'controller=' 'version' 'h/help'
            end
        case 'mesh'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'apply'
                __teeadm_parse_subcommand 0 'f/file=' 'dry-run' 'controller=' 'version' 'h/help'
            case 'get'
                __teeadm_parse_subcommand 0 'controller=' 'version' 'h/help'
            end
        case 'cert'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __teeadm_parse_subcommand 0 'cert=' 'key=' 'name=' 'default' 'controller=' 'version' 'h/help'
            case 'list'
                __teeadm_parse_subcommand 0 'o/output=' 'controller=' 'version' 'h/help'
            case 'remove'
                __teeadm_parse_subcommand 1 'controller=' 'version' 'h/help'
            case 'acme'
                __teeadm_parse_subcommand 0 'storage=' 'o/output=' 'controller=' 'version' 'h/help'
            end
        case 'certs'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check-expiration'
                __teeadm_parse_subcommand 0 'config-dir=' 'warn-within=' 'stored' 'o/output=' 'controller=' 'version' 'h/help'
            case 'renew'
                __teeadm_parse_subcommand 0 'config-dir=' 'controller=' 'version' 'h/help'
            end
        case 'backup'
            __teeadm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __teeadm_parse_subcommand 0 'o/output=' 'passphrase-file=' 'config-dir=' 'controller=' 'version' 'h/help'
            case 'inspect'
                __teeadm_parse_subcommand 1 'passphrase-file=' 'o/output=' 'version' 'h/help'
            case 'restore'
                __teeadm_parse_subcommand 1 'passphrase-file=' 'name=' 'advertise-address=' 'config-dir=' 'state-dir=' 'defaults-file=' 'etcd-client-port=' 'etcd-peer-port=' 'api-port=' 'distribution-port=' 'force' 'no-systemd' 'version' 'h/help'
            end
        case 'version'
            __teeadm_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __teeadm_parse_subcommand -r 1 'version'
        end
    end
end

function __teeadm_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __teeadm_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __teeadm_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __teeadm_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__teeadm_tokens -p)
    if test -z "$(__teeadm_tokens -t)"
        set -l index (count (__teeadm_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'teeadm' -f
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'init' -d 'Make this node the first controller of a new cluster.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'join' -d 'Join this node to a cluster as a controller, proxy or mesh agent.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'reset' -d 'Leave the cluster and wipe this node\'s tee state.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'token' -d 'Create, list and delete join tokens and dashboard tokens.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'status' -d 'Show the cluster\'s health: controllers, leader, quorum, proxies and their configuration versions.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'node' -d 'List and remove the cluster\'s nodes.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'config' -d 'Apply and read the cluster\'s dynamic configuration (Traefik\'s format).'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'mesh' -d 'Apply and read the service mesh\'s services and policy.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'cert' -d 'Import, list and remove the TLS certificates every proxy serves.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'certs' -d 'Check and renew this node\'s certificates.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'backup' -d 'Back the cluster up (etcd snapshot, PKI, data key) and restore it.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'version' -d 'Print the version of teeadm.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" advertise-address' -l 'advertise-address' -d 'The address other nodes reach this one on.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" cluster-name' -l 'cluster-name' -d 'The cluster\'s name (in certificates).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" name' -l 'name' -d 'This node\'s name (default: the host name).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" config-dir' -l 'config-dir' -d 'Where configuration and certificates go.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" state-dir' -l 'state-dir' -d 'Where state (etcd\'s data) goes.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" defaults-file' -l 'defaults-file' -d 'The file tee-controller.service reads its options from.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" etcd-client-port' -l 'etcd-client-port' -d 'etcd\'s client port (on loopback).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" etcd-peer-port' -l 'etcd-peer-port' -d 'etcd\'s peer port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" api-port' -l 'api-port' -d 'The API\'s port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" distribution-port' -l 'distribution-port' -d 'The snapshot stream\'s port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" force' -l 'force' -d 'Overwrite an earlier setup.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" no-systemd' -l 'no-systemd' -d 'Start nothing; print the commands to run instead (containers and tests without systemd).'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" token' -l 'token' -d 'A join token for the role (teeadm token create --role ROLE).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" ca-cert-hash' -l 'ca-cert-hash' -d 'The cluster CA\'s hash, sha256:HEX (teeadm init prints it).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" role' -l 'role' -d 'controller, proxy or mesh.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" name' -l 'name' -d 'This node\'s name (default: the host name).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" config-dir' -l 'config-dir' -d 'Where configuration and certificates go.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" state-dir' -l 'state-dir' -d 'Where state goes.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join"' -l 'entry-point' -d 'An entry point for a new proxy configuration, NAME=ADDRESS (repeatable; default web=:80 and websecure=:443).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" advertise-address' -l 'advertise-address' -d 'For a controller or mesh agent: the address other nodes reach it on (a mesh agent defaults to this host\'s address toward the controller).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" defaults-file' -l 'defaults-file' -d 'For a controller: the file tee-controller.service reads its options from.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" etcd-client-port' -l 'etcd-client-port' -d 'For a controller: etcd\'s client port (on loopback).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" etcd-peer-port' -l 'etcd-peer-port' -d 'For a controller: etcd\'s peer port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" api-port' -l 'api-port' -d 'For a controller: the API\'s port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" distribution-port' -l 'distribution-port' -d 'For a controller: the snapshot stream\'s port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" no-systemd' -l 'no-systemd' -d 'Start nothing; print the commands to run instead.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm join" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" config-dir' -l 'config-dir' -d 'Where configuration and certificates are.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" state-dir' -l 'state-dir' -d 'Where state is.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" defaults-file' -l 'defaults-file' -d 'The controller options file written by init or join.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" name' -l 'name' -d 'This node\'s name, when it is a controller (default: the host name).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" no-systemd' -l 'no-systemd' -d 'Stop nothing through systemd.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm token" -eq 1' -fa 'create' -d 'Create a token for one role; prints it once.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm token" -eq 1' -fa 'list' -d 'List join tokens (never their secrets).'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm token" -eq 1' -fa 'delete' -d 'Delete a join token.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token create" role' -l 'role' -d 'controller, proxy or mesh (a join token), or dashboard (signs in to the web dashboard and reads the API).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token create" ttl' -l 'ttl' -d 'How long it stays valid (Go duration: 30m, 24h, 168h).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token create" description' -l 'description' -d 'A note shown by token list.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token create" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token create" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token list" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token list" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token list" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token delete" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token delete" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm token delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm status" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm status" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm status" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm node" -eq 1' -fa 'list' -d 'List controllers, proxies and mesh agents.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm node" -eq 1' -fa 'remove' -d 'Remove a node from the cluster.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node list" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node list" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node list" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node remove" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node remove" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm node remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm config" -eq 1' -fa 'apply' -d 'Apply a dynamic configuration file to the whole cluster.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm config" -eq 1' -fa 'get' -d 'Print a configuration document applied through the API.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm config" -eq 1' -fa 'diff' -d 'Show what applying a file would change (+ added, - removed, ~ changed); exit 1 when something would.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config apply" f file' -l 'file' -s 'f' -d 'The file (YAML, JSON or TOML), or a directory: one document per file, named after it.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config apply" dry-run' -l 'dry-run' -d 'Show what would change without applying it.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config apply" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config apply" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config get" name' -l 'name' -d 'The document (main for a file; the file\'s name for one applied from a directory).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config get" o output' -l 'output' -s 'o' -d 'as-applied (default), yaml or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config get" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config get" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config diff" f file' -l 'file' -s 'f' -d 'The file (YAML, JSON or TOML).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config diff" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config diff" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm config diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm mesh" -eq 1' -fa 'apply' -d 'Check a mesh document and apply it to the whole cluster.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm mesh" -eq 1' -fa 'get' -d 'Print the mesh document as applied.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh apply" f file' -l 'file' -s 'f' -d 'The mesh document (YAML, JSON or TOML).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh apply" dry-run' -l 'dry-run' -d 'Check the document without applying it.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh apply" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh apply" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh get" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh get" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm mesh get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm cert" -eq 1' -fa 'import' -d 'Store a certificate and its key in the cluster.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm cert" -eq 1' -fa 'list' -d 'List stored certificates: names, expiry, the routers that use them, issuer.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm cert" -eq 1' -fa 'remove' -d 'Remove a stored certificate.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm cert" -eq 1' -fa 'acme' -d 'List the certificates obtained by ACME: resolver, names, expiry, and why an order failed.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" cert' -l 'cert' -d 'The certificate chain (PEM), leaf first.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" key' -l 'key' -d 'The private key (PEM).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" name' -l 'name' -d 'The name to store it under (default: the certificate file\'s name).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" default' -l 'default' -d 'Serve it when no other certificate matches the server name.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert list" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert list" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert list" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert remove" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert remove" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert acme" storage' -l 'storage' -d 'Read this acme.json instead of asking a controller.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert acme" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert acme" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert acme" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm cert acme" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm certs" -eq 1' -fa 'check-expiration' -d 'List this node\'s certificates (and, on a controller, the stored ones) with their expiry; exit 1 if one expires soon.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm certs" -eq 1' -fa 'renew' -d 'Renew this node\'s certificate (a new key, one more year), without downtime.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" config-dir' -l 'config-dir' -d 'Where the node\'s certificates are.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" warn-within' -l 'warn-within' -d 'Days of notice: exit 1 when a certificate expires within them.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" stored' -l 'stored' -d 'Also list the certificates stored in the cluster (needs a controller\'s API).'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs check-expiration" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs renew" config-dir' -l 'config-dir' -d 'Where the node\'s certificates are.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs renew" controller' -l 'controller' -d 'A controller\'s API address (HOST:PORT), for a node without the CA key.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs renew" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm certs renew" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm backup" -eq 1' -fa 'create' -d 'Write a backup: the etcd snapshot, the PKI and the data key (run it on a controller).'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm backup" -eq 1' -fa 'inspect' -d 'Show what a backup holds.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_positional "teeadm backup" -eq 1' -fa 'restore' -d 'Recreate a one-controller cluster from a backup on a fresh node.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup create" o output' -l 'output' -s 'o' -d 'The backup file to write.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup create" passphrase-file' -l 'passphrase-file' -d 'A file holding the passphrase that encrypts the backup.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup create" config-dir' -l 'config-dir' -d 'Where this controller\'s certificates are.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup create" controller' -l 'controller' -d 'The controller\'s API: unix:PATH or http://HOST:PORT (default: this node\'s socket, else http://127.0.0.1:7440).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup create" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup inspect" passphrase-file' -l 'passphrase-file' -d 'The passphrase file, to check it opens the backup and list its contents.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup inspect" o output' -l 'output' -s 'o' -d 'table (default) or json.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup inspect" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" passphrase-file' -l 'passphrase-file' -d 'The passphrase file, for an encrypted backup.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" name' -l 'name' -d 'This node\'s name (default: the host name).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" advertise-address' -l 'advertise-address' -d 'The address other nodes reach this one on.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" config-dir' -l 'config-dir' -d 'Where configuration and certificates go.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" state-dir' -l 'state-dir' -d 'Where state (etcd\'s data) goes.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" defaults-file' -l 'defaults-file' -d 'The file tee-controller.service reads its options from.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" etcd-client-port' -l 'etcd-client-port' -d 'etcd\'s client port (on loopback).' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" etcd-peer-port' -l 'etcd-peer-port' -d 'etcd\'s peer port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" api-port' -l 'api-port' -d 'The API\'s port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" distribution-port' -l 'distribution-port' -d 'The snapshot stream\'s port.' -rfka ''
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" force' -l 'force' -d 'Overwrite existing etcd data.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" no-systemd' -l 'no-systemd' -d 'Start nothing; print the commands to run instead.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm backup restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm version" version' -l 'version' -d 'Show the version.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'teeadm' -n '__teeadm_should_offer_completions_for_flags_or_options "teeadm help" version' -l 'version' -d 'Show the version.'
