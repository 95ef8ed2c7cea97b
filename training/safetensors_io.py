"""A dependency-free safetensors writer and reader for float32 state dicts (the hand-off to the TypeScript GGUF exporter)."""
import json
import struct

import torch


def save_safetensors(path, tensors, metadata=None):
    """Writes {name: tensor} as F32 safetensors; metadata values become strings."""
    header = {}
    offset = 0
    blobs = []
    for name, tensor in tensors.items():
        data = tensor.detach().float().contiguous().numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    if metadata:
        header['__metadata__'] = {key: str(value) for key, value in metadata.items()}
    encoded = json.dumps(header, separators=(',', ':')).encode('utf-8')
    encoded += b' ' * ((8 - len(encoded) % 8) % 8)
    with open(path, 'wb') as handle:
        handle.write(struct.pack('<Q', len(encoded)))
        handle.write(encoded)
        for blob in blobs:
            handle.write(blob)


def load_safetensors(path):
    """Reads an F32 safetensors file into ({name: tensor}, metadata)."""
    with open(path, 'rb') as handle:
        size = struct.unpack('<Q', handle.read(8))[0]
        header = json.loads(handle.read(size))
        body = handle.read()
    metadata = header.pop('__metadata__', {})
    tensors = {}
    for name, entry in header.items():
        start, end = entry['data_offsets']
        tensors[name] = torch.frombuffer(bytearray(body[start:end]), dtype=torch.float32).reshape(entry['shape']).clone()
    return tensors, metadata
