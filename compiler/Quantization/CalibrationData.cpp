//===- CalibrationData.cpp - Sample inputs for calibration ----------------===//
//
// This file implements reading the samples that calibration and evaluation
// run a model on: a minimal .npy reader (float32, C order, any header
// version) and a folder of raw .bin tensors, both copied into the single raw
// file a host harness reads.
//
//===----------------------------------------------------------------------===//
#include "Calibration.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <limits>

using namespace llvm;

namespace ingot::quant {
namespace {

Error failure(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

std::string shapeText(ArrayRef<int64_t> shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

/// A value of the Python dict literal in a .npy header: a string, a boolean
/// or a tuple of integers (the only kinds numpy writes for plain arrays).
struct HeaderValue {
  enum Kind { String, Boolean, Tuple, Other } kind = Other;
  std::string text;
  bool boolean = false;
  std::vector<int64_t> tuple;
};

/// Reads the dict literal numpy writes as a .npy header, e.g.
/// "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }".
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : rest(text) {}

  Error parse(std::vector<std::pair<std::string, HeaderValue>> &entries) {
    if (!consume('{'))
      return failure("its header is not a Python dict");
    while (!consume('}')) {
      std::string key;
      if (!parseString(key))
        return failure("its header has a key that is not a string");
      if (!consume(':'))
        return failure("its header misses ':' after '" + key + "'");
      HeaderValue value;
      if (Error error = parseValue(value))
        return error;
      entries.emplace_back(key, std::move(value));
      if (!consume(',') && !peek('}'))
        return failure("its header dict is malformed after '" + key + "'");
    }
    return Error::success();
  }

private:
  void skipSpace() { rest = rest.ltrim(); }
  bool peek(char c) {
    skipSpace();
    return rest.starts_with(StringRef(&c, 1));
  }
  bool consume(char c) {
    if (!peek(c))
      return false;
    rest = rest.drop_front();
    return true;
  }

  bool parseString(std::string &out) {
    skipSpace();
    if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
      return false;
    char quote = rest.front();
    size_t end = rest.find(quote, 1);
    if (end == StringRef::npos)
      return false;
    out = rest.slice(1, end).str();
    rest = rest.drop_front(end + 1);
    return true;
  }

  Error parseValue(HeaderValue &value) {
    skipSpace();
    if (parseString(value.text)) {
      value.kind = HeaderValue::String;
      return Error::success();
    }
    bool isTrue = rest.consume_front("True");
    if (isTrue || rest.consume_front("False")) {
      value.kind = HeaderValue::Boolean;
      value.boolean = isTrue;
      return Error::success();
    }
    if (consume('(')) {
      value.kind = HeaderValue::Tuple;
      while (!consume(')')) {
        skipSpace();
        unsigned long long dimension = 0;
        if (consumeUnsignedInteger(rest, 10, dimension) ||
            dimension > static_cast<unsigned long long>(
                            std::numeric_limits<int64_t>::max()))
          return failure("its header has a shape that is not a tuple of "
                         "non-negative integers");
        rest.consume_front("L"); // Python 2 long literals.
        value.tuple.push_back(static_cast<int64_t>(dimension));
        if (!consume(',') && !peek(')'))
          return failure("its header has a malformed shape tuple");
      }
      return Error::success();
    }
    // Anything else (a list for a structured dtype, ...): skip it, brackets
    // balanced, so that the caller can say which key it does not understand.
    int depth = 0;
    size_t end = 0;
    for (; end < rest.size(); ++end) {
      char c = rest[end];
      if (depth == 0 && (c == ',' || c == '}'))
        break;
      if (c == '(' || c == '[' || c == '{')
        ++depth;
      else if (c == ')' || c == ']' || c == '}')
        --depth;
    }
    rest = rest.drop_front(end);
    return Error::success();
  }

  StringRef rest;
};

/// Checks that every sample of `header` is `sampleElements` floats and
/// returns the sample count.
Expected<int64_t> npySampleCount(const NpyHeader &header,
                                 int64_t sampleElements, StringRef name) {
  if (header.shape.empty())
    return failure(name + " holds a single number, not samples: its shape " +
                   "must be (N, <model input shape without batch>)");
  uint64_t perSample = 1;
  for (int64_t dimension : ArrayRef(header.shape).drop_front())
    perSample = SaturatingMultiply(perSample, static_cast<uint64_t>(dimension));
  if (perSample != static_cast<uint64_t>(sampleElements))
    return failure(name + " has shape " + shapeText(header.shape) +
                   ", so each of its samples has " + Twine(perSample) +
                   " elements, but the model input has " +
                   Twine(sampleElements) +
                   "; the shape must be (N, <model input shape without "
                   "batch>)");
  return header.shape.front();
}

/// Describes `count` samples from the contiguous float array `bytes`, copies
/// those chosen by `indices` to `out`.
Expected<std::vector<std::string>>
copyNpySamples(StringRef bytes, int64_t count, int64_t sampleElements,
               const std::optional<std::vector<size_t>> &indices,
               StringRef name, raw_ostream &out) {
  size_t sampleBytes = static_cast<size_t>(sampleElements) * sizeof(float);
  std::vector<std::string> written;
  auto copy = [&](size_t index) {
    out.write(bytes.data() + index * sampleBytes, sampleBytes);
    written.push_back((name + "[" + Twine(index) + "]").str());
  };
  if (!indices) {
    for (int64_t i = 0; i < count; ++i)
      copy(i);
    return written;
  }
  for (size_t index : *indices) {
    if (index >= static_cast<size_t>(count))
      return failure("sample index " + Twine(index) + " is out of range: " +
                     name + " has " + Twine(count) + " samples");
    copy(index);
  }
  return written;
}

Expected<std::vector<std::string>>
writeNpySamples(StringRef path, int64_t sampleElements,
                const std::optional<std::vector<size_t>> &indices,
                raw_ostream &out) {
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!buffer)
    return failure("cannot read data " + path + ": " +
                   buffer.getError().message());
  StringRef contents = (*buffer)->getBuffer();
  Expected<NpyHeader> header = parseNpyFloat32(contents, path);
  if (!header)
    return header.takeError();
  Expected<int64_t> count = npySampleCount(*header, sampleElements, path);
  if (!count)
    return count.takeError();
  return copyNpySamples(contents.drop_front(header->dataOffset), *count,
                        sampleElements, indices, path, out);
}

/// The .bin files of `folder`, sorted by name.
Expected<std::vector<std::string>> listBinFiles(StringRef folder) {
  std::vector<std::string> files;
  std::error_code error;
  for (sys::fs::directory_iterator it(folder, error), end; it != end && !error;
       it.increment(error))
    if (StringRef(it->path()).ends_with(".bin"))
      files.push_back(it->path());
  if (error)
    return failure("cannot list folder " + folder + ": " + error.message());
  if (files.empty())
    return failure("folder " + folder +
                   " has no .bin files (one raw float32 input tensor each)");
  llvm::sort(files);
  return files;
}

Expected<std::vector<std::string>>
writeFolderSamples(StringRef folder, int64_t sampleElements,
                   const std::optional<std::vector<size_t>> &indices,
                   raw_ostream &out) {
  Expected<std::vector<std::string>> listed = listBinFiles(folder);
  if (!listed)
    return listed.takeError();
  const std::vector<std::string> &files = *listed;

  std::vector<size_t> chosen;
  if (indices) {
    for (size_t index : *indices)
      if (index >= files.size())
        return failure("sample index " + Twine(index) + " is out of range: " +
                       folder + " has " + Twine(files.size()) + " .bin files");
    chosen = *indices;
  } else {
    for (size_t i = 0; i < files.size(); ++i)
      chosen.push_back(i);
  }

  uint64_t sampleBytes = static_cast<uint64_t>(sampleElements) * sizeof(float);
  std::vector<std::string> written;
  for (size_t index : chosen) {
    const std::string &file = files[index];
    auto buffer = MemoryBuffer::getFile(file, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false);
    if (!buffer)
      return failure("cannot read sample " + file + ": " +
                     buffer.getError().message());
    StringRef bytes = (*buffer)->getBuffer();
    if (bytes.size() != sampleBytes)
      return failure("sample " + file + " has " + Twine(bytes.size()) +
                     " bytes, but the model input is " + Twine(sampleElements) +
                     " float32 = " + Twine(sampleBytes) + " bytes");
    out << bytes;
    written.push_back(file);
  }
  return written;
}

} // namespace

Expected<NpyHeader> parseNpyFloat32(StringRef contents, StringRef name) {
  static constexpr StringLiteral magic("\x93NUMPY");
  if (!contents.starts_with(magic))
    return failure(name + " is not a .npy file (it does not start with the "
                          "\\x93NUMPY magic)");
  if (contents.size() < 10)
    return failure(name + " is truncated inside its .npy preamble");
  auto byteAt = [&](size_t i) { return static_cast<uint8_t>(contents[i]); };
  unsigned major = byteAt(6), minor = byteAt(7);
  size_t headerLength = 0, headerStart = 0;
  if (major == 1) {
    headerLength = byteAt(8) | byteAt(9) << 8;
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (contents.size() < 12)
      return failure(name + " is truncated inside its .npy preamble");
    headerLength = byteAt(8) | byteAt(9) << 8 | byteAt(10) << 16 |
                   static_cast<size_t>(byteAt(11)) << 24;
    headerStart = 12;
  } else {
    return failure(name + " is .npy format version " + Twine(major) + "." +
                   Twine(minor) + "; versions 1, 2 and 3 are supported");
  }
  if (contents.size() - headerStart < headerLength)
    return failure(name + " is truncated inside its .npy header");

  std::vector<std::pair<std::string, HeaderValue>> entries;
  HeaderParser parser(contents.substr(headerStart, headerLength));
  if (Error error = parser.parse(entries))
    return failure(name +
                   " is not a valid .npy file: " + toString(std::move(error)));
  auto find = [&](StringRef key) -> const HeaderValue * {
    for (const auto &entry : entries)
      if (entry.first == key)
        return &entry.second;
    return nullptr;
  };
  const HeaderValue *descr = find("descr");
  const HeaderValue *fortran = find("fortran_order");
  const HeaderValue *shape = find("shape");
  if (!descr || !fortran || !shape)
    return failure(name + " is not a valid .npy file: its header misses "
                          "'descr', 'fortran_order' or 'shape'");

  if (descr->kind != HeaderValue::String || descr->text != "<f4") {
    std::string what = descr->kind == HeaderValue::String
                           ? "dtype '" + descr->text + "'"
                           : "a structured dtype";
    std::string hint = descr->text == ">f4" ? " (big-endian float32)" : "";
    return failure(name + " holds " + what + hint +
                   ", but sample data must be little-endian float32 "
                   "('<f4'); convert it with array.astype('<f4')");
  }
  if (fortran->kind != HeaderValue::Boolean)
    return failure(name + " is not a valid .npy file: 'fortran_order' is not "
                          "True or False");
  if (fortran->boolean)
    return failure(name + " is stored in Fortran (column-major) order; save a "
                          "C-ordered array (numpy.ascontiguousarray) instead");
  if (shape->kind != HeaderValue::Tuple)
    return failure(name + " is not a valid .npy file: 'shape' is not a tuple");

  NpyHeader header;
  header.shape = shape->tuple;
  header.dataOffset = headerStart + headerLength;
  uint64_t elements = 1;
  for (int64_t dimension : header.shape) {
    if (dimension != 0 && elements > std::numeric_limits<uint64_t>::max() /
                                         sizeof(float) /
                                         static_cast<uint64_t>(dimension))
      return failure(name + " has shape " + shapeText(header.shape) +
                     ", which is too large");
    elements *= static_cast<uint64_t>(dimension);
  }
  uint64_t dataBytes = elements * sizeof(float);
  uint64_t available = contents.size() - header.dataOffset;
  if (available < dataBytes)
    return failure(name + " is truncated: its shape " +
                   shapeText(header.shape) + " needs " + Twine(dataBytes) +
                   " bytes of float32 data, but the file has " +
                   Twine(available));
  return header;
}

Expected<size_t> countCalibrationSamples(const CalibrationData &data) {
  if (!sys::fs::exists(data.path))
    return failure("data " + data.path + " does not exist");
  if (sys::fs::is_directory(data.path)) {
    Expected<std::vector<std::string>> files = listBinFiles(data.path);
    if (!files)
      return files.takeError();
    return files->size();
  }
  auto buffer = MemoryBuffer::getFile(data.path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false);
  if (!buffer)
    return failure("cannot read data " + data.path + ": " +
                   buffer.getError().message());
  Expected<NpyHeader> header =
      parseNpyFloat32((*buffer)->getBuffer(), data.path);
  if (!header)
    return header.takeError();
  if (header->shape.empty())
    return failure(data.path + " holds a single number, not samples");
  return static_cast<size_t>(header->shape.front());
}

Expected<std::optional<std::vector<size_t>>>
selectSamples(const CalibrationData &data, StringRef subset) {
  if (subset == "all")
    return std::nullopt;
  if (subset != "even" && subset != "odd")
    return failure("the samples to use must be all, even or odd, not '" +
                   subset + "'");
  Expected<size_t> count = countCalibrationSamples(data);
  if (!count)
    return count.takeError();
  std::vector<size_t> indices;
  for (size_t i = subset == "odd" ? 1 : 0; i < *count; i += 2)
    indices.push_back(i);
  return indices;
}

Expected<std::vector<std::string>>
writeCalibrationSamples(const CalibrationData &data, int64_t sampleElements,
                        const std::optional<std::vector<size_t>> &indices,
                        raw_ostream &out) {
  if (!sys::fs::exists(data.path))
    return failure("data " + data.path + " does not exist");
  Expected<std::vector<std::string>> written =
      sys::fs::is_directory(data.path)
          ? writeFolderSamples(data.path, sampleElements, indices, out)
          : writeNpySamples(data.path, sampleElements, indices, out);
  if (written && written->empty())
    return failure("data " + data.path + " has no samples" +
                   (indices ? " at the selected indices" : ""));
  return written;
}

} // namespace ingot::quant
