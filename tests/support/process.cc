#include "support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

extern char** environ;

namespace rmq::testing {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(20);

std::string Tail(const std::string& text, size_t max = 2000) {
  return text.size() <= max ? text : "..." + text.substr(text.size() - max);
}

}  // namespace

Result<std::unique_ptr<Process>> Process::Start(ProcessOptions options) {
  std::unique_ptr<Process> process(new Process(std::move(options)));
  const ProcessOptions& o = process->options_;

  // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
  std::vector<std::string> argv_storage;
  argv_storage.push_back(o.executable);
  argv_storage.insert(argv_storage.end(), o.args.begin(), o.args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::map<std::string, std::string> env_map;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    auto eq = entry.find('=');
    if (eq != std::string::npos) env_map[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [key, value] : o.env) env_map[key] = value;
  std::vector<std::string> env_storage;
  for (const auto& [key, value] : env_map) env_storage.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int out = ::open(o.output_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (out < 0) return IoError("cannot open " + o.output_path + ": " + std::strerror(errno));
  off_t existing = ::lseek(out, 0, SEEK_END);
  process->output_offset_ = existing > 0 ? static_cast<size_t>(existing) : 0;
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out);
    return Internal(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  process->pid_ = pid;
  return process;
}

Process::~Process() {
  if (pid_ > 0 && running()) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::string Process::Output() const {
  std::ifstream in(options_.output_path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(output_offset_));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool Process::Poll() {
  if (exit_code_) return true;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
  }
  return false;
}

Result<std::string> Process::WaitForLine(std::string_view needle, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::string output = Output();
    size_t at = output.find(needle);
    if (at != std::string::npos) {
      size_t begin = output.rfind('\n', at);
      begin = begin == std::string::npos ? 0 : begin + 1;
      size_t end = output.find('\n', at);
      return output.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    }
    if (Poll()) {
      return Unavailable(options_.executable + " exited with " + std::to_string(*exit_code_) + " before printing \"" +
                         std::string(needle) + "\"; output:\n" + Tail(Output()));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Timeout("no \"" + std::string(needle) + "\" from " + options_.executable + " within " +
                     std::to_string(timeout.count()) + " ms; output:\n" + Tail(output));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

Result<int> Process::WaitForExit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!Poll()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return Timeout(options_.executable + " still running after " + std::to_string(timeout.count()) + " ms");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  return *exit_code_;
}

Result<int> Process::Stop(std::chrono::milliseconds grace) {
  if (Poll()) return *exit_code_;
  ::kill(pid_, SIGTERM);
  auto code = WaitForExit(grace);
  if (code.ok()) return code;
  ::kill(pid_, SIGKILL);
  return WaitForExit(std::chrono::seconds(10));
}

std::pair<int, std::string> RunToExit(ProcessOptions options, std::chrono::milliseconds timeout) {
  auto process = Process::Start(std::move(options));
  if (!process.ok()) return {-1, process.status().ToString()};
  auto code = (*process)->WaitForExit(timeout);
  if (!code.ok()) (void)(*process)->Stop();
  return {code.ok() ? *code : -1, (*process)->Output()};
}

}  // namespace rmq::testing
