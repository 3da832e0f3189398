"""The store as LangChain sees it: a LangChain retriever over the same Chroma collection.

Used by the naive-RAG baseline (``eval/baseline.py``) and by anyone who wants a LangChain
retriever over their conversations. LangChain types stay inside this module: callers get
our ``VectorHit``s.
"""

from __future__ import annotations

from vectorstore.base import VectorHit
from vectorstore.chroma import ChromaVectorStore
from vectorstore.store import Store


def _embeddings(store: Store):
    from langchain_core.embeddings import Embeddings

    class StoreEmbeddings(Embeddings):
        """Our embedder behind LangChain's interface: the same vectors the store was built with."""

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return store.embedder.embed(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return store.embedder.embed([text])[0].tolist()

    return StoreEmbeddings()


def retriever(store: Store, k: int):
    """A LangChain top-``k`` similarity retriever over the store's chunk collection."""
    from langchain_chroma import Chroma

    vectors = store.vectors
    if not isinstance(vectors, ChromaVectorStore):
        raise TypeError("a LangChain retriever needs the Chroma vector store")
    chroma = Chroma(client=vectors.open_client(), collection_name=vectors.collection_name,
                    embedding_function=_embeddings(store))
    return chroma.as_retriever(search_type="similarity", search_kwargs={"k": k})


def langchain_search(store: Store, question: str, k: int) -> list[VectorHit]:
    """Top-``k`` chunks for ``question`` the way a LangChain tutorial retrieves them: no filters,
    no time window, plain similarity. Stores without Chroma (the unit tests' fakes) use the
    store's own similarity search, which ranks the same way."""
    if not isinstance(store.vectors, ChromaVectorStore):
        return store.search(question, k)
    docs = retriever(store, k).invoke(question)
    return [
        VectorHit(id=str(d.id or ""), conversation_id=str(d.metadata.get("conversation_id", "")),
                  turn_start=int(d.metadata.get("turn_start", 0)), turn_end=int(d.metadata.get("turn_end", 0)),
                  text=d.page_content, score=0.0)
        for d in docs
    ]
