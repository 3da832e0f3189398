"""Vector and conversation stores, embedders and retrieval."""

from embedding.embedders import Embedder, HashEmbedder, SentenceTransformerEmbedder, make_embedder
from vectorstore.base import VectorHit, VectorStore, Where
from vectorstore.chroma import ChromaVectorStore
from vectorstore.conversations import ConversationStore
from vectorstore.memory import MemoryVectorStore
from vectorstore.store import Store, fake_store

__all__ = [
    "ChromaVectorStore",
    "ConversationStore",
    "Embedder",
    "HashEmbedder",
    "MemoryVectorStore",
    "SentenceTransformerEmbedder",
    "Store",
    "VectorHit",
    "VectorStore",
    "Where",
    "fake_store",
    "make_embedder",
]
