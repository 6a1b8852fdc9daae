# ingot_add_model(<target> MODEL <file.tflite>
#                 [NAME <c_name>] [TARGET <machine>] [OPTIMIZE speed|size]
#                 [QUANTIZE dynamic|int8|int16x8|float16 [CALIBRATION <data>]]
#                 [OPTIONS <ingot compile option>...])
#
# Adds a static library <target> built from the C++ that `ingot compile`
# generates for the model, with the user's compiler and flags (a cross
# toolchain's too), and with the generated folder as a public include
# directory: the project includes "<c_name>.h" and calls <c_name>_init and
# <c_name>_invoke.
#
# NAME is the prefix of every generated symbol and macro (default: <target>).
# TARGET is ingot's --target (generic, host, cortex-m4, cortex-m7,
# cortex-m55). QUANTIZE and CALIBRATION are --quantize and --calibration; the
# others go to `ingot compile` as they are.
#
# The code is generated at build time, again whenever the model, the
# calibration data, the options or ingot itself change, and not otherwise.
function(ingot_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 arg ""
    "MODEL;NAME;TARGET;OPTIMIZE;QUANTIZE;CALIBRATION" "OPTIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ingot_add_model(${target}): unknown arguments "
                        "'${arg_UNPARSED_ARGUMENTS}'")
  endif()
  if(NOT arg_MODEL)
    message(FATAL_ERROR "ingot_add_model(${target}): say which model with "
                        "MODEL <file.tflite>")
  endif()
  cmake_path(ABSOLUTE_PATH arg_MODEL BASE_DIRECTORY
             ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE OUTPUT_VARIABLE model)
  if(NOT EXISTS ${model})
    message(FATAL_ERROR "ingot_add_model(${target}): the model ${model} does "
                        "not exist")
  endif()
  set(name ${target})
  if(arg_NAME)
    set(name ${arg_NAME})
  endif()
  # ingot makes C identifiers of names; the file names must be known here.
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "ingot_add_model(${target}): NAME '${name}' is not a "
                        "C identifier; pass NAME with letters, digits and _")
  endif()

  set(options --name=${name})
  if(arg_TARGET)
    list(APPEND options --target=${arg_TARGET})
  endif()
  if(arg_OPTIMIZE)
    list(APPEND options --optimize=${arg_OPTIMIZE})
  endif()
  set(depends ${model})
  if(arg_QUANTIZE)
    list(APPEND options --quantize=${arg_QUANTIZE})
  endif()
  if(arg_CALIBRATION)
    if(NOT arg_QUANTIZE)
      message(FATAL_ERROR "ingot_add_model(${target}): CALIBRATION is the "
                          "data for QUANTIZE int8 or int16x8; add QUANTIZE")
    endif()
    cmake_path(ABSOLUTE_PATH arg_CALIBRATION BASE_DIRECTORY
               ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE OUTPUT_VARIABLE data)
    list(APPEND options --calibration=${data})
    list(APPEND depends ${data})
  elseif(arg_QUANTIZE MATCHES "^(int8|int16x8)$")
    message(FATAL_ERROR "ingot_add_model(${target}): QUANTIZE ${arg_QUANTIZE} "
                        "calibrates on representative data; add CALIBRATION "
                        "<data.npy>")
  endif()
  list(APPEND options ${arg_OPTIONS})

  set(out ${CMAKE_CURRENT_BINARY_DIR}/ingot/${target})
  # The model and the options, rewritten only when they change, so that
  # another model file or option regenerates the code with every generator
  # (Make does not compare command lines).
  list(JOIN options "\n" options_text)
  string(PREPEND options_text "${model}\n")
  file(CONFIGURE OUTPUT ${out}.options CONTENT "${options_text}\n")
  add_custom_command(
    OUTPUT ${out}/${name}.h ${out}/${name}.cpp
    COMMAND ingot::ingot compile ${model} -o ${out} ${options}
    DEPENDS ${depends} ${out}.options $<TARGET_FILE:ingot::ingot>
    COMMENT "ingot: compiling ${arg_MODEL} to ${name}.h and ${name}.cpp"
    VERBATIM)
  add_library(${target} STATIC ${out}/${name}.cpp ${out}/${name}.h)
  target_include_directories(${target} PUBLIC ${out})
  target_compile_features(${target} PUBLIC cxx_std_17)
endfunction()
