"""The resolve stage: who (actors), where (places) and when (dates) each mention refers to."""
