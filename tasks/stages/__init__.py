"""The pipeline stages, one package each: its rules (`RULES`, in the order they run), its
data files, and one entry point `STAGE.run(state, options) -> StageResult`.

No stage imports another: what two stages share lives in `zhclean.tasks.text`."""
