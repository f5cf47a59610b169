// mqadmin: the administration command line, compatible with Apache RocketMQ's tool (command
// names matched case-insensitively, the same short and long options, the same output shapes),
// with a non-zero exit status on every failure and --json output. Flag parsing, the name-server
// choice, error messages and exit codes live here; the commands live under command/<noun>/.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "command/registry.h"
#include "command/sub_command.h"
#include "rocketmq/MQException.h"

namespace {

using rmq::mqadmin::CommandArgs;
using rmq::mqadmin::OptionSpec;
using rmq::mqadmin::SubCommand;

constexpr const char* kDefaultNamesrv = "127.0.0.1:9876";

// Every command also takes these (ServerUtil.buildCommandlineOptions), plus our --json.
std::vector<OptionSpec> WithCommonOptions(const SubCommand& command) {
  std::vector<OptionSpec> options = command.options;
  options.push_back({'h', "help", false, false, "Print help"});
  options.push_back({'n', "namesrvAddr", true, false, "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'"});
  options.push_back({0, "json", false, false, "Print the result as one JSON document (for scripts)"});
  std::sort(options.begin(), options.end(), [](const OptionSpec& a, const OptionSpec& b) {
    std::string ka = a.short_name ? std::string(1, a.short_name) : a.long_name;
    std::string kb = b.short_name ? std::string(1, b.short_name) : b.long_name;
    return ka < kb;
  });
  return options;
}

std::string OptionName(const OptionSpec& option) {
  std::string name;
  if (option.short_name) name = std::string("-") + option.short_name;
  if (!option.long_name.empty()) name += (name.empty() ? "--" : ",--") + option.long_name;
  return name;
}

// Commons CLI's HelpFormatter shape: "usage: mqadmin cmd [-c <arg>] [-h]" and one line per option.
void PrintUsage(const SubCommand& command) {
  auto options = WithCommonOptions(command);
  std::string usage = "usage: mqadmin " + command.name;
  for (const auto& option : options) {
    std::string part = option.short_name ? std::string("-") + option.short_name : "--" + option.long_name;
    if (option.has_arg) part += " <arg>";
    usage += option.required ? " " + part : " [" + part + "]";
  }
  std::cout << usage << '\n';
  size_t width = 0;
  for (const auto& option : options) {
    width = std::max(width, OptionName(option).size() + (option.has_arg ? 6 : 0));
  }
  for (const auto& option : options) {
    std::string left = OptionName(option) + (option.has_arg ? " <arg>" : "");
    std::cout << ' ' << left << std::string(width - left.size() + 3, ' ') << option.description << '\n';
  }
}

void PrintCommandList() {
  std::cout << "The most commonly used mqadmin commands are:\n";
  for (const auto& command : rmq::mqadmin::AllCommands()) {
    std::printf("   %-35s %s\n", command.name.c_str(), command.description.c_str());
  }
  std::cout << "\nSee 'mqadmin help <command>' for more information on a specific command." << std::endl;
}

// What to do about a client failure, in plain words.
std::string Advice(const rocketmq::MQException& e, const std::string& namesrv) {
  switch (e.GetError()) {
    case rocketmq::kErrorUnavailable:
    case rocketmq::kErrorTimeout:
      return "Could not reach a server (name servers: " + namesrv +
             "). Check that mqnamesrv and mqbroker are running and reachable, and pass the right "
             "address with -n host:port or NAMESRV_ADDR.";
    case rocketmq::kErrorNoRoute:
      return "The name server has no route for that topic: check the spelling, or create it with "
             "'mqadmin updateTopic -c <cluster> -t <topic>'.";
    case rocketmq::kErrorNoNameServer:
      return "Pass the name server with -n host:port or set NAMESRV_ADDR.";
    case rocketmq::kErrorUnsupported:
      return "The server does not support this request.";
    default:
      return "";
  }
}

int RunCommand(const SubCommand& command, std::vector<std::string> argv) {
  CLI::App app{command.description, "mqadmin " + command.name};
  app.set_help_flag();  // -h is ours, printed in the Java shape
  app.allow_windows_style_options(false);
  std::map<std::string, std::string> values;
  std::map<std::string, bool> flags;
  auto options = WithCommonOptions(command);
  std::map<std::string, CLI::Option*> handles;
  for (const auto& option : options) {
    if (option.has_arg) {
      handles[option.long_name] = app.add_option(OptionName(option), values[option.long_name], option.description);
    } else {
      app.add_flag(OptionName(option), flags[option.long_name], option.description);
    }
  }
  std::reverse(argv.begin(), argv.end());  // CLI11 takes the vector form reversed
  try {
    app.parse(argv);
  } catch (const CLI::ParseError& e) {
    std::cerr << "mqadmin " << command.name << ": " << e.what() << '\n';
    PrintUsage(command);
    return 1;
  }
  if (flags["help"]) {
    PrintUsage(command);
    return 0;
  }
  CommandArgs args;
  for (const auto& option : options) {
    if (option.has_arg && handles[option.long_name]->count() > 0) args.Set(option.long_name, values[option.long_name]);
    if (!option.has_arg && flags[option.long_name]) args.Set(option.long_name, "true");
  }
  for (const auto& option : command.options) {
    if (option.required && !args.Has(option.long_name)) {
      std::cerr << "mqadmin " << command.name << ": missing required option: -" << option.short_name << " (--"
                << option.long_name << ")\n";
      PrintUsage(command);
      return 1;
    }
  }

  std::string namesrv = args.Get("namesrvAddr");
  if (namesrv.empty()) {
    const char* env = std::getenv("NAMESRV_ADDR");
    if (env != nullptr && *env != '\0') namesrv = env;
  }
  if (namesrv.empty()) {
    namesrv = kDefaultNamesrv;
    std::cerr << "mqadmin: no -n and no NAMESRV_ADDR; using the name server at " << kDefaultNamesrv << '\n';
  }

  rmq::mqadmin::CommandContext context(namesrv, args.Has("json"));
  try {
    command.run(args, context);
    context.Finish();
    return 0;
  } catch (const rmq::mqadmin::CommandError& e) {
    std::cout.flush();
    std::cerr << "mqadmin " << command.name << ": " << e.what() << std::endl;
  } catch (const rocketmq::MQException& e) {
    std::cout.flush();
    std::string advice = Advice(e, namesrv);
    std::cerr << "mqadmin " << command.name << " failed: " << e.message() << (advice.empty() ? "" : "\n" + advice)
              << std::endl;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "mqadmin " << command.name << " failed: " << e.what() << std::endl;
  }
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintCommandList();
    return 0;
  }
  std::string name = argv[1];
  if (name == "help" || name == "-h" || name == "--help") {
    if (argc < 3) {
      PrintCommandList();
      return 0;
    }
    const SubCommand* command = rmq::mqadmin::FindCommand(argv[2]);
    if (command == nullptr) {
      std::cerr << "The sub command " << argv[2] << " not exist." << std::endl;
      return 1;
    }
    PrintUsage(*command);
    return 0;
  }
  const SubCommand* command = rmq::mqadmin::FindCommand(name);
  if (command == nullptr) {
    std::cerr << "The sub command " << name << " not exist. Run 'mqadmin' for the list of commands." << std::endl;
    return 1;
  }
  return RunCommand(*command, std::vector<std::string>(argv + 2, argv + argc));
}
