function __tee-controller_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tee-controller_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tee-controller_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tee-controller_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tee-controller_parse_tokens -S
    set -l unparsed_tokens (__tee-controller_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tee-controller'
        __tee-controller_parse_subcommand 0 'log-level=' 'log-format=' 'grace-timeout=' 'name=' 'etcd=' 'ca-file=' 'cert-file=' 'key-file=' 'api-socket=' 'api-address=' 'distribution-address=' 'dynamic-directory=' 'leader-lease-ttl=' 'data-key-file=' 'ca-key-file=' 'static-config=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tee-controller_parse_subcommand -r 1 'version'
        end
    end
end

function __tee-controller_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tee-controller_parse_subcommand -S -a positional_count
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

function __tee-controller_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tee-controller_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tee-controller_tokens -p)
    if test -z "$(__tee-controller_tokens -t)"
        set -l index (count (__tee-controller_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tee-controller' -f
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" log-format' -l 'log-format' -d 'Log format: console, json or journal (default: journal when stderr is the journal, else console).' -rfka 'console json journal'
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" grace-timeout' -l 'grace-timeout' -d 'Seconds to let in-flight work finish on SIGTERM before connections are closed (default: 10).' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" name' -l 'name' -d 'This controller\'s node name (default: the host name).' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" etcd' -l 'etcd' -d 'The local etcd member\'s client URL.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" ca-file' -l 'ca-file' -d 'The cluster CA certificate (PEM) that etcd\'s and the nodes\' certificates chain to.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" cert-file' -l 'cert-file' -d 'This controller\'s certificate (PEM), for etcd and for the snapshot stream.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" key-file' -l 'key-file' -d 'This controller\'s private key (PEM).' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" api-socket' -l 'api-socket' -d 'The API\'s unix socket.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" api-address' -l 'api-address' -d 'The API\'s TCP address (HOST:PORT), also the dashboard\'s; empty for none. HTTPS with --cert-file, else plain HTTP for loopback clients only.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" distribution-address' -l 'distribution-address' -d 'Where proxies connect for their snapshot stream (HOST:PORT).' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" dynamic-directory' -l 'dynamic-directory' -d 'The file provider\'s directory, in Traefik\'s dynamic format; empty for none.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" leader-lease-ttl' -l 'leader-lease-ttl' -d 'Seconds a failed leader keeps the role before another takes over (at least 2).' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" data-key-file' -l 'data-key-file' -d 'The cluster\'s data key (32 bytes, base64), which seals stored private keys; empty for none.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" ca-key-file' -l 'ca-key-file' -d 'The cluster CA\'s private key, to sign the certificates of joining nodes; empty for none.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" static-config' -l 'static-config' -d 'A static file in Traefik\'s format whose certificatesResolvers the leader obtains certificates with, whose providers (docker, redis, etcd, zooKeeper, http) the leader watches, and whose log.otlp also sends this controller\'s log to an OTLP collector; used when it exists, empty for none.' -rfka ''
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" version' -l 'version' -d 'Show the version.'
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_positional "tee-controller" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tee-controller' -n '__tee-controller_should_offer_completions_for_flags_or_options "tee-controller help" version' -l 'version' -d 'Show the version.'
