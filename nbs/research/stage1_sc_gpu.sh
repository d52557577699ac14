# The lent-GPU run of chapter 07c §8: four fine-tunes of dmae-tiny's magnitude decoder, in parallel on one GPU,
# from the shipped decoder, for 6 wall-minutes each (stage1_sc_finetune.py; batch 64 or 256, W = 0 or 3).
# Needs: the crops of stage1_gpu_crops.py in gpu/crops, and wheels in .whl for what the GPU machine lacks
# (fastcore, soundfile, cffi, pycparser). Writes OUT/NAME.safetensors and OUT/NAME.json.
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 OMP_NUM_THREADS=4
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 -c "import torch, mousai.autoencoder as a; print(torch.__version__, a.load_pretrained_dmae().magnitude_decoder is not None)" || exit 1
M=${MIN:-6}
for r in "gw0 0 64 2e-4" "gw3 3 64 2e-4" "gw3B 3 256 2e-4" "gw3lo 3 64 5e-5"; do
  set -- $r
  python3 nbs/research/stage1_sc_finetune.py $1 $2 $M $3 $4 $OUT gpu/crops > /tmp/$1.log 2>&1 &
done
wait
for f in /tmp/gw*.log; do echo "== $f"; grep -v "^gw.*'step'" $f | tail -5; grep "'step'" $f | awk 'NR%20==0' | tail -4; done
ls -la $OUT
