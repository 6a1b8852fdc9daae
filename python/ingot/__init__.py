"""ingot: compiles TensorFlow Lite models to dependency-free C++ for microcontrollers.

The API follows TensorFlow Lite's converter and interpreter, so that a script
written for ``tf.lite.TFLiteConverter`` and ``tf.lite.Interpreter`` runs
against ingot with the import and class names changed (docs/python.md):

    import ingot
    converter = ingot.Converter.from_tflite("model.tflite")
    converter.optimizations = [ingot.Optimize.DEFAULT]
    converter.representative_dataset = representative_dataset
    converter.target_spec.supported_ops = [ingot.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = numpy.int8
    converter.inference_output_type = numpy.int8
    tflite_bytes = converter.convert()          # the quantized .tflite
    compiled = converter.compile(name="net")    # the generated C++
    compiled.save("firmware/net")

    interpreter = ingot.Interpreter(model_content=tflite_bytes)
    interpreter.allocate_tensors()
    ...
"""
from ._converter import (CompiledModel, Converter, Optimize, OpsSet,
                         TargetSpec)
from ._errors import CompilerError
from ._evaluate import Evaluation, evaluate
from ._interpreter import Interpreter

__version__ = "0.10.0"

__all__ = [
    "CompiledModel", "CompilerError", "Converter", "Evaluation",
    "Interpreter", "Optimize", "OpsSet", "TargetSpec", "evaluate",
]
