// The part of the ONNX protobuf schema that an exported STRNN graph uses, and its encoder.
//
// The messages, field names and field numbers are those of the published onnx.proto (ONNX, Apache-2.0),
// cut down to what we write: no training info, functions, sparse tensors, sequences or maps. Protobuf
// skips what a schema does not name, so a full ONNX reader decodes these bytes unchanged. The wire format
// itself is protobufjs's (BSD-3-Clause), which parses this text once, on the first export.
import protobuf from 'protobufjs';

const ONNX_SUBSET_PROTO = `
syntax = "proto2";
package onnx;

message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; FLOATS = 6; INTS = 7; }
  optional string name = 1;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
}

message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
  optional string doc_string = 3;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  repeated AttributeProto attribute = 5;
}

message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}

message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}

message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
}

message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}

message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  optional string name = 8;
  optional bytes raw_data = 9;
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
}
`;

/** TensorProto.DataType values used here. */
export const TENSOR_FLOAT = 1;
export const TENSOR_INT64 = 7;

/** AttributeProto.AttributeType values used here. */
export const ATTRIBUTE_INT = 2;
export const ATTRIBUTE_INTS = 7;

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  /** Little-endian element bytes (ONNX raw_data). */
  rawData: Uint8Array;
}

export interface OnnxAttribute {
  name: string;
  type: number;
  i?: number;
  ints?: number[];
}

export interface OnnxNode {
  opType: string;
  name: string;
  input: string[];
  output: string[];
  attribute: OnnxAttribute[];
}

/** A dimension: a fixed size, or a symbolic name (e.g. 'batch'). */
export type OnnxDim = number | string;

export interface OnnxValueInfo {
  name: string;
  elemType: number;
  shape: OnnxDim[];
  docString?: string;
}

export interface OnnxModel {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  graph: {
    name: string;
    docString: string;
    node: OnnxNode[];
    initializer: OnnxTensor[];
    input: OnnxValueInfo[];
    output: OnnxValueInfo[];
  };
  metadataProps: Record<string, string>;
}

let modelType: protobuf.Type | undefined;

/** The ModelProto type, parsed from the schema above on first use. */
export function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_SUBSET_PROTO, { keepCase: false }).root.lookupType('onnx.ModelProto');
  return modelType;
}

function valueInfo(v: OnnxValueInfo): Record<string, unknown> {
  const dim = v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name: v.name, type: { tensorType: { elemType: v.elemType, shape: { dim } } }, ...(v.docString && { docString: v.docString }) };
}

/** Serialises a model to ONNX protobuf bytes. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const type = onnxModelType();
  const message = type.fromObject({
    irVersion: model.irVersion,
    opsetImport: [{ domain: '', version: model.opsetVersion }],
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    docString: model.docString,
    graph: {
      name: model.graph.name,
      docString: model.graph.docString,
      node: model.graph.node,
      initializer: model.graph.initializer,
      input: model.graph.input.map(valueInfo),
      output: model.graph.output.map(valueInfo),
    },
    metadataProps: Object.entries(model.metadataProps).map(([key, value]) => ({ key, value })),
  });
  return type.encode(message).finish();
}
