function __tee-proxy_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tee-proxy_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tee-proxy_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tee-proxy_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tee-proxy_parse_tokens -S
    set -l unparsed_tokens (__tee-proxy_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tee-proxy'
        __tee-proxy_parse_subcommand 0 'c/config=' 'check' 'log-level=' 'log-format=' 'grace-timeout=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tee-proxy_parse_subcommand -r 1 'version'
        end
    end
end

function __tee-proxy_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tee-proxy_parse_subcommand -S -a positional_count
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

function __tee-proxy_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tee-proxy_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tee-proxy_tokens -p)
    if test -z "$(__tee-proxy_tokens -t)"
        set -l index (count (__tee-proxy_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tee-proxy' -f
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" c config' -l 'config' -s 'c' -d 'The static configuration file.' -rfka ''
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" check' -l 'check' -d 'Validate the configuration, print every problem with file, key and line (and a warning for each Traefik key tee ignores), and exit.'
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" log-format' -l 'log-format' -d 'Log format: console, json or journal (default: journal when stderr is the journal, else console).' -rfka 'console json journal'
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" grace-timeout' -l 'grace-timeout' -d 'Seconds to let in-flight work finish on SIGTERM before connections are closed (default: 10).' -rfka ''
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" version' -l 'version' -d 'Show the version.'
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_positional "tee-proxy" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tee-proxy' -n '__tee-proxy_should_offer_completions_for_flags_or_options "tee-proxy help" version' -l 'version' -d 'Show the version.'
